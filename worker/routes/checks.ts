/** The checks of each form that need stored data: whose records these are, what is being referred to. */
import { isOutdatedProposal } from '../db/contracts.ts';
import { ownsGoal, whyNotReplaceable } from '../db/goals.ts';
import { listPeers, sentFeedback } from '../db/feedback.ts';
import type { Author } from '../db/admission.ts';
import { admittedParticipant } from '../middleware/auth.ts';
import { lastCheckinBefore } from '../db/submissions.ts';
import type { CheckinInput } from '../forms/checkin.ts';
import type { ContractInput } from '../forms/contract.ts';
import type { FeedbackInput } from '../forms/feedback.ts';
import type { GoalInput } from '../forms/goal.ts';
import { message, type Message } from '../domain/i18n.ts';
import type { Checked } from './submissions.ts';

/**
 * Carrying forward copies the last committed action, which must exist and must not be done yet
 * ("no" or "partly"). A newly written action wins over the box, and then nothing is carried.
 */
export async function carryForward(db: D1Database, author: Author, week: number, input: CheckinInput): Promise<Checked<CheckinInput>> {
  if (!input.carry_forward || input.committed_action !== '') return { input: { ...input, carry_forward: false } };
  if (input.last_action_done === 'yes') return { errors: { carry_forward: message('field.check.nothingToCarry') } };
  const last = await lastCheckinBefore(db, author.id, week);
  if (!last) return { errors: { committed_action: message('field.check.noEarlierAction') } };
  return { input: { ...input, committed_action: last.action } };
}

/** A contract belongs to a pair; resending an old proposal must not rewrite a superseded version. */
export async function inAPair(db: D1Database, author: Author, _week: number, input: ContractInput): Promise<Checked<ContractInput>> {
  // The pair is on the participant's row: read it, and admit the post there (a contract is stored
  // in several statements, not one guarded upsert).
  const participant = await admittedParticipant(db, author, 'contracts');
  if (participant.pairId === null) return { errors: { purpose: message('field.check.notInPair') } };
  if (await isOutdatedProposal(db, participant, input.idempotency_key)) {
    return { errors: { purpose: message('field.check.contractReplaced') } };
  }
  return { input };
}

/** Recalibrating replaces one of the participant's own goals. */
export async function ownReplacedGoal(db: D1Database, author: Author, _week: number, input: GoalInput): Promise<Checked<GoalInput>> {
  if (input.replaces_goal_id !== undefined && !(await ownsGoal(db, author.id, input.replaces_goal_id))) {
    return { errors: { replaces_goal_id: message('field.check.ownGoal') } };
  }
  return { input };
}

/** Feedback goes to the participant's partner or someone in their circle. */
export async function toAPeer(db: D1Database, author: Author, _week: number, input: FeedbackInput): Promise<Checked<FeedbackInput>> {
  const peers = await listPeers(db, author.id);
  if (!peers.some((p) => p.id === input.receiver_id)) return { errors: { receiver_id: message('field.check.peer') } };
  return { input };
}

/** Why a resend of feedback was not stored: it named another receiver, or its receiver had rated it. */
export async function frozenFeedback(db: D1Database, author: Author, input: FeedbackInput): Promise<Message | null> {
  const sent = await sentFeedback(db, author.id, input.idempotency_key);
  if (!sent) return null;
  if (sent.receiverId !== input.receiver_id) {
    return message('errors.conflict.readdressed');
  }
  if (sent.rated) return message('errors.conflict.rated');
  return null;
}

const NOT_REPLACEABLE = {
  done: message('errors.conflict.goalDone'),
  dropped: message('errors.conflict.goalDropped'),
  replaced: message('errors.conflict.goalReplaced'),
} as const;

/** Why a recalibration was not stored: the goal it replaces is done, dropped, or replaced already. */
export async function unreplaceableGoal(db: D1Database, author: Author, input: GoalInput): Promise<Message | null> {
  if (input.replaces_goal_id === undefined) return null;
  const why = await whyNotReplaceable(db, author.id, input.replaces_goal_id, input.idempotency_key);
  return why && NOT_REPLACEABLE[why];
}
