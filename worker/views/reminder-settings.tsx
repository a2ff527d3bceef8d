/** How a participant is reminded, on their own page (worker/rhythm/ sends the reminders). */
import type { Participant } from '../db/participants.ts';
import type { ReminderSettings } from '../db/reminder-settings.ts';
import { clockHour, Hidden } from './parts.tsx';
import { useT } from './i18n.ts';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

function HourSelect({ name, label, value, optional }: { name: string; label: string; value: number | null; optional?: boolean }) {
  const t = useT();
  return (
    <p>
      <label for={`reminders-${name}`}>{label}</label>{' '}
      <select id={`reminders-${name}`} name={name}>
        {optional && <option value="">{t('reminders.settings.noHour')}</option>}
        {HOURS.map((h) => (
          <option value={h} selected={h === value}>
            {clockHour(t, h)}
          </option>
        ))}
      </select>
    </p>
  );
}

/** The Reminders section of a participant's page: how they are reminded, and the form to change it. */
export function ReminderSettingsForm({ participant, token, reminders }: { participant: Participant; token: string; reminders: ReminderSettings }) {
  const t = useT();
  return (
    <section aria-labelledby="reminders">
      <h2 id="reminders">{t('reminders.settings.heading')}</h2>
      <p>
        {reminders.byMail
          ? t('reminders.settings.byMail', { hour: clockHour(t, reminders.hour), timezone: reminders.timezone ?? participant.cohort.timezone })
          : reminders.unsubscribed
            ? t('reminders.settings.stopped')
            : t('reminders.settings.off')}
      </p>
      <form method="post" action="/api/me/reminders">
        <Hidden token={token} />
        <p>
          <label>
            <input type="checkbox" name="by_mail" value="on" checked={reminders.byMail} /> {t('reminders.settings.remind')}
          </label>
        </p>
        <HourSelect name="remind_hour" label={t('reminders.settings.at')} value={reminders.hour} />
        <p>
          <label for="reminders-timezone">{t('reminders.settings.timezone')}</label>{' '}
          <input type="text" id="reminders-timezone" name="timezone" value={reminders.timezone ?? ''} placeholder={participant.cohort.timezone} autocomplete="off" />
        </p>
        <HourSelect name="quiet_from" label={t('reminders.settings.quietFrom')} value={reminders.quiet?.from ?? null} optional />
        <HourSelect name="quiet_until" label={t('reminders.settings.quietUntil')} value={reminders.quiet?.until ?? null} optional />
        <button type="submit">{t('reminders.settings.save')}</button>
      </form>
    </section>
  );
}

