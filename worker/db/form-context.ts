/** What a form page shows that depends on the participant: answers to choose from, texts to recall, in their language. */
import { listPeers } from './feedback.ts';
import { listActiveGoals } from './goals.ts';
import type { Participant } from './participants.ts';
import { lastCheckinBefore } from './submissions.ts';
import type { Translator } from '../domain/i18n.ts';
import type { Option } from '../forms/fields.ts';
import type { FormPath } from '../forms/registry.ts';
import { TEXT } from '../forms/slots.ts';

export interface FormContext {
  /** Radio answers per field, for fields whose answers are the participant's own records. */
  options: Record<string, Option[]>;
  /** What to say when a field has nothing to choose from. */
  noOptions: Record<string, string>;
  /** Texts filled into `[data-text=name]`; `[data-show-with=name]` appears when the text is there. */
  texts: Record<string, string>;
}

export async function formContext(db: D1Database, path: FormPath, participant: Participant, week: number, t: Translator): Promise<FormContext> {
  const context: FormContext = { options: {}, noOptions: {}, texts: {} };
  if (path === '/checkin/') {
    const last = await lastCheckinBefore(db, participant.id, week);
    if (last) context.texts[TEXT.lastAction] = last.action;
  } else if (path === '/feedback/') {
    const peers = await listPeers(db, participant.id);
    context.options.receiver_id = peers.map((p) => ({ value: String(p.id), label: p.relation === 'partner' ? t('form.feedback.partner', { name: p.displayName }) : p.displayName }));
    context.noOptions.receiver_id = t('form.feedback.noPeers');
  } else if (path === '/goals/') {
    const goals = await listActiveGoals(db, participant.id);
    context.options.replaces_goal_id = [
      { value: '', label: t('form.goals.newGoal') },
      ...goals.map((g) => ({ value: String(g.id), label: t('form.goals.existing', { what: g.what, target: g.target, due: t.date(g.dueOn, 'day') }) })),
    ];
  }
  return context;
}
