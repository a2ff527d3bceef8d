/** How a participant is reminded, on their own page (worker/rhythm/ sends the reminders). */
import type { Participant } from '../db/participants.ts';
import type { ReminderSettings } from '../db/reminder-settings.ts';
import { Hidden } from './parts.tsx';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
/** An hour as a clock reads it: 09:00. */
export const clock = (h: number) => `${String(h).padStart(2, '0')}:00`;

function HourSelect({ name, label, value, optional }: { name: string; label: string; value: number | null; optional?: boolean }) {
  return (
    <p>
      <label for={`reminders-${name}`}>{label}</label>{' '}
      <select id={`reminders-${name}`} name={name}>
        {optional && <option value="">—</option>}
        {HOURS.map((h) => (
          <option value={h} selected={h === value}>
            {clock(h)}
          </option>
        ))}
      </select>
    </p>
  );
}

/** The Reminders section of a participant's page: how they are reminded, and the form to change it. */
export function ReminderSettingsForm({ participant, token, reminders }: { participant: Participant; token: string; reminders: ReminderSettings }) {
  return (
    <section aria-labelledby="reminders">
      <h2 id="reminders">Reminders</h2>
      <p>
        {reminders.byMail
          ? `By e-mail at ${clock(reminders.hour)} (${reminders.timezone ?? participant.cohort.timezone}) on the day your check-in is due, and one nudge that evening if it is still missing.`
          : reminders.unsubscribed
            ? 'You stopped e-mail reminders. Tick the box below to have them again.'
            : 'E-mail reminders are off.'}
      </p>
      <form method="post" action="/api/me/reminders">
        <Hidden token={token} />
        <p>
          <label>
            <input type="checkbox" name="by_mail" value="on" checked={reminders.byMail} /> Remind me by e-mail
          </label>
        </p>
        <HourSelect name="remind_hour" label="At" value={reminders.hour} />
        <p>
          <label for="reminders-timezone">My timezone</label>{' '}
          <input type="text" id="reminders-timezone" name="timezone" value={reminders.timezone ?? ''} placeholder={participant.cohort.timezone} autocomplete="off" />
        </p>
        <HourSelect name="quiet_from" label="Nothing from" value={reminders.quiet?.from ?? null} optional />
        <HourSelect name="quiet_until" label="until" value={reminders.quiet?.until ?? null} optional />
        <button type="submit">Save my reminders</button>
      </form>
    </section>
  );
}

