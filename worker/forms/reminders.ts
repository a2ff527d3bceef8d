/** How a participant is reminded: the small form on their page. */
import { z } from 'zod';
import { isTimezone } from '../domain/weeks.ts';
import { flag, hour, problem } from './fields.ts';

export const reminderSettingsSchema = z
  .object({
    by_mail: flag('field.reminders.by_mail'),
    remind_hour: hour('field.reminders.remind_hour.label').default(9),
    timezone: z
      .string()
      .trim()
      .max(64)
      .default('')
      .refine((tz) => tz === '' || isTimezone(tz), { error: problem('field.reminders.timezone.invalid') }),
    quiet_from: hour('field.reminders.quiet_from.label').optional(),
    quiet_until: hour('field.reminders.quiet_until.label').optional(),
  })
  .refine((s) => (s.quiet_from === undefined) === (s.quiet_until === undefined), {
    error: problem('field.reminders.quiet.incomplete'),
    path: ['quiet_until'],
    when: () => true,
  });

export type ReminderSettingsInput = z.output<typeof reminderSettingsSchema>;
