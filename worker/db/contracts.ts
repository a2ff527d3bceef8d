/** Partnership contracts: versioned per pair, agreed when every member confirmed the same version. */
import type { ContractInput } from '../forms/contract.ts';
import { admissionSql, type Author } from './admission.ts';
import type { Participant } from './participants.ts';
import type { Stored } from './submissions.ts';

/** A ladder step as stored: a number of missed check-ins, or null (off). */
function step(value: string | undefined): number | null {
  return value === undefined ? null : Number(value);
}

export interface Contract {
  id: number;
  version: number;
  /** The week it was proposed in. */
  week: number;
  proposedBy: number;
  purpose: string;
  cadenceDays: number;
  meetingDay: string;
  meetingTime: string;
  meetingMinutes: number;
  channel: string;
  boundaries: string;
  successMeasure: string;
  contributions: string;
  dialogueFormat: string;
  renegotiateOn: string;
  /** The escalation ladder: after how many missed check-ins the partner, the facilitator and the mentor are told (null: never). */
  ladder: { partner: number | null; facilitator: number | null; mentor: number | null };
  /** Changes to this version since it was proposed (a resend with other answers). */
  revision: number;
  /** Who confirmed this version as it stands (its current revision). */
  confirmedBy: number[];
}

const CONTENT = ['purpose', 'cadence_days', 'meeting_day', 'meeting_time', 'channel', 'boundaries', 'success_measure', 'contributions', 'dialogue_format', 'renegotiate_on', 'escalate_partner_after', 'escalate_facilitator_after', 'escalate_mentor_after'] as const;

/**
 * Stores a proposed contract as the pair's next version, confirmed by its proposer, if the author
 * is admitted (worker/db/admission.ts; null when not). A resend of the same form keeps its
 * version; changed answers make a new revision of it, which the partner has to confirm again
 * (their confirmation was of the earlier revision). An unchanged resend changes nothing.
 */
export async function storeContract(db: D1Database, author: Author, week: number, input: ContractInput): Promise<Stored | null> {
  const values = [input.purpose, Number(input.cadence_days), input.meeting_day, input.meeting_time, input.channel, input.boundaries, input.success_measure, input.contributions, input.dialogue_format, input.renegotiate_on, step(input.escalate_partner_after), step(input.escalate_facilitator_after), step(input.escalate_mentor_after)];
  const placeholders = CONTENT.map((_, i) => `?${i + 3}`).join(', ');
  const admission = admissionSql(author, 'contracts', CONTENT.length + 3);
  const [inserted, , stored] = await db.batch([
    db
      .prepare(
        `INSERT INTO contracts (participant_id, cohort_id, pair_id, idempotency_key, week, version, ${CONTENT.join(', ')})
         SELECT p.id, p.cohort_id, p.pair_id, ?1, ?2, (SELECT COALESCE(MAX(version), 0) + 1 FROM contracts c WHERE c.pair_id = p.pair_id), ${placeholders}
         FROM participants p WHERE p.pair_id IS NOT NULL AND ${admission.where}
         ON CONFLICT (participant_id, idempotency_key) DO UPDATE SET ${CONTENT.map((c) => `${c} = excluded.${c}`).join(', ')}, revision = revision + 1
         WHERE ${CONTENT.map((c) => `${c} IS NOT excluded.${c}`).join(' OR ')}`,
      )
      .bind(input.idempotency_key, week, ...values, ...admission.params),
    // Only when the statement before it wrote the contract (changes() counts those rows).
    db
      .prepare(
        `INSERT INTO contract_confirmations (contract_id, participant_id, revision)
         SELECT id, ?1, revision FROM contracts WHERE participant_id = ?1 AND idempotency_key = ?2 AND changes() > 0
         ON CONFLICT (contract_id, participant_id) DO UPDATE SET revision = excluded.revision, confirmed_at = excluded.confirmed_at`,
      )
      .bind(author.id, input.idempotency_key),
    db.prepare(`SELECT id, week, revision, ${CONTENT.join(', ')} FROM contracts WHERE participant_id = ?1 AND idempotency_key = ?2`).bind(author.id, input.idempotency_key),
  ]);
  const row = stored!.results[0] as ({ id: number; week: number; revision: number } & Record<(typeof CONTENT)[number], string | number>) | undefined;
  // Stored as this post says, whether by it or by the form it resends; anything else means this
  // post was not admitted (and its changes were not stored).
  if (!row || CONTENT.some((column, i) => row[column] !== values[i])) return null;
  return { id: row.id, week: row.week, replayed: inserted!.meta.changes === 0 || row.revision > 1 };
}

export interface ContractRow {
  id: number;
  version: number;
  week: number;
  participant_id: number;
  purpose: string;
  cadence_days: number;
  meeting_day: string;
  meeting_time: string;
  meeting_minutes: number;
  channel: string;
  boundaries: string;
  success_measure: string;
  contributions: string;
  dialogue_format: string;
  renegotiate_on: string;
  escalate_partner_after: number | null;
  escalate_facilitator_after: number | null;
  escalate_mentor_after: number | null;
  revision: number;
  confirmed_by: string | null;
}

/** The columns of contract `c` a Contract is made from, with who confirmed it as it stands. */
export const CONTRACT_COLUMNS = `c.*, (SELECT group_concat(participant_id) FROM contract_confirmations WHERE contract_id = c.id AND revision = c.revision) AS confirmed_by`;

export function contractFrom(row: ContractRow): Contract {
  return {
    id: row.id,
    version: row.version,
    week: row.week,
    proposedBy: row.participant_id,
    purpose: row.purpose,
    cadenceDays: row.cadence_days,
    meetingDay: row.meeting_day,
    meetingTime: row.meeting_time,
    meetingMinutes: row.meeting_minutes,
    channel: row.channel,
    boundaries: row.boundaries,
    successMeasure: row.success_measure,
    contributions: row.contributions,
    dialogueFormat: row.dialogue_format,
    renegotiateOn: row.renegotiate_on,
    ladder: { partner: row.escalate_partner_after, facilitator: row.escalate_facilitator_after, mentor: row.escalate_mentor_after },
    revision: row.revision,
    confirmedBy: row.confirmed_by ? row.confirmed_by.split(',').map(Number) : [],
  };
}

/** The pair's latest contract version with who confirmed it, or null before the first. */
export async function getLatestContract(db: D1Database, pairId: number): Promise<Contract | null> {
  const row = await db.prepare(`SELECT ${CONTRACT_COLUMNS} FROM contracts c WHERE c.pair_id = ?1 ORDER BY c.version DESC LIMIT 1`).bind(pairId).first<ContractRow>();
  return row && contractFrom(row);
}

export type ConfirmOutcome = 'confirmed' | 'not-found' | 'outdated';

/**
 * Confirms a contract for a member of its pair, exactly as they read it: the latest version, at the
 * revision shown to them. Anything older is 'outdated' (they are asked to read it again).
 */
export async function confirmContract(db: D1Database, participant: Participant, contractId: number, revision: number): Promise<ConfirmOutcome> {
  const contract = await db
    .prepare('SELECT id, version, revision, (SELECT MAX(version) FROM contracts WHERE pair_id = c.pair_id) AS latest FROM contracts c WHERE id = ?1 AND pair_id = ?2')
    .bind(contractId, participant.pairId)
    .first<{ id: number; version: number; revision: number; latest: number }>();
  if (!contract) return 'not-found';
  if (contract.version !== contract.latest || contract.revision !== revision) return 'outdated';
  await db
    .prepare('INSERT INTO contract_confirmations (contract_id, participant_id, revision) VALUES (?1, ?2, ?3) ON CONFLICT (contract_id, participant_id) DO UPDATE SET revision = excluded.revision')
    .bind(contractId, participant.id, revision)
    .run();
  return 'confirmed';
}

/** Whether a participant's form (by its idempotency key) made an older version than the pair's latest. */
export async function isOutdatedProposal(db: D1Database, participant: Participant, idempotencyKey: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT version, (SELECT MAX(version) FROM contracts WHERE pair_id = c.pair_id) AS latest FROM contracts c WHERE participant_id = ?1 AND idempotency_key = ?2')
    .bind(participant.id, idempotencyKey)
    .first<{ version: number; latest: number }>();
  return row !== null && row.version < row.latest;
}
