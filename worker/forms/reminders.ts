/** How a participant is reminded: the small form on their page. */
import { z } from 'zod';
import { isTimezone } from '../domain/weeks.ts';
import { flag } from './fields.ts';

/** A local hour, 0–23; optional ones may be left empty. */
function hour(label: string) {
  const message = `“${label}” must be an hour from 0 to 23.`;
  return z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : Number(v)), z.number({ error: message }).int(message).min(0, message).max(23, message));
}

export const reminderSettingsSchema = z
  .object({
    by_mail: flag('Remind me by e-mail', 'Before each check-in is due, and one nudge if it is still missing.'),
    remind_hour: hour('At what hour').default(9),
    timezone: z
      .string()
      .trim()
      .max(64)
      .default('')
      .refine((tz) => tz === '' || isTimezone(tz), { error: 'Choose a timezone such as Europe/London or America/New_York, or leave it empty for your cohort’s.' }),
    quiet_from: hour('Quiet from').optional(),
    quiet_until: hour('Quiet until').optional(),
  })
  .refine((s) => (s.quiet_from === undefined) === (s.quiet_until === undefined), {
    error: 'Give both ends of your quiet hours, or neither.',
    path: ['quiet_until'],
    when: () => true,
  });

export type ReminderSettingsInput = z.output<typeof reminderSettingsSchema>;
