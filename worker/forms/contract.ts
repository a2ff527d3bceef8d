/** The partnership contract a pair agrees at kickoff (and renegotiates): the /contract/ form. */
import { z } from 'zod';
import { message, translator } from '../domain/i18n.ts';
import { DEFAULT_LOCALE } from '../domain/locales.ts';
import { choice, clockTime, date, idempotencyKey, line, recordChoice, requiredChoice, requiredText, withInitial, type FieldKey } from './fields.ts';

/** After how many missed check-ins in a row one step of the ladder is told; skipped: never. */
function ladderStep(key: FieldKey) {
  const after = (count: number) => message('field.contract.ladder.after', { count });
  return choice(key, [
    { value: '1', label: after(1) },
    { value: '2', label: after(2) },
    { value: '3', label: after(3) },
    { value: '4', label: after(4) },
  ]);
}

/** What pairs agree to do in each session unless they write something else: the form shows it in the participant's language. */
const DIALOGUE_FORMAT = message('field.contract.dialogue_format.initial');

/** The usual format in English, for what writes a contract without the form (the CLI's demo). */
export const DEFAULT_DIALOGUE_FORMAT = translator(DEFAULT_LOCALE).say(DIALOGUE_FORMAT);

export const contractSchema = z.object({
  idempotency_key: idempotencyKey,
  purpose: requiredText('field.contract.purpose', 1000),
  cadence_days: requiredChoice(
    'field.contract.cadence_days',
    [
      { value: '7', label: message('field.contract.cadence_days.7') },
      { value: '14', label: message('field.contract.cadence_days.14') },
    ],
    '7',
  ),
  meeting_day: requiredChoice(
    'field.contract.meeting_day',
    [
      { value: 'monday', label: message('field.contract.meeting_day.monday') },
      { value: 'tuesday', label: message('field.contract.meeting_day.tuesday') },
      { value: 'wednesday', label: message('field.contract.meeting_day.wednesday') },
      { value: 'thursday', label: message('field.contract.meeting_day.thursday') },
      { value: 'friday', label: message('field.contract.meeting_day.friday') },
      { value: 'saturday', label: message('field.contract.meeting_day.saturday') },
      { value: 'sunday', label: message('field.contract.meeting_day.sunday') },
    ],
  ),
  meeting_time: clockTime('field.contract.meeting_time'),
  channel: line('field.contract.channel'),
  boundaries: requiredText('field.contract.boundaries', 1000),
  success_measure: requiredText('field.contract.success_measure', 1000),
  contributions: requiredText('field.contract.contributions', 1000),
  dialogue_format: withInitial(requiredText('field.contract.dialogue_format', 500), DIALOGUE_FORMAT),
  escalate_partner_after: ladderStep('field.contract.escalate_partner_after'),
  escalate_facilitator_after: ladderStep('field.contract.escalate_facilitator_after'),
  escalate_mentor_after: ladderStep('field.contract.escalate_mentor_after'),
  renegotiate_on: date('field.contract.renegotiate_on', 'field.contract.renegotiate_on.missing'),
});

export type ContractInput = z.output<typeof contractSchema>;

/** A partner confirming the contract version they read on their page. */
export const confirmSchema = z.object({
  contract_id: recordChoice('field.confirm.contract_id'),
  revision: recordChoice('field.confirm.revision'),
});
