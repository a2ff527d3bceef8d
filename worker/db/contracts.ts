/** Partnership contracts: versioned per pair, agreed when every member confirmed the same version. */
import type { ContractInput } from '../forms/contract.ts';
import type { Participant } from './participants.ts';
import type { Stored } from './submissions.ts';

export interface Contract {
  id: number;
  version: number;
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
  /** Who confirmed this version. */
  confirmedBy: number[];
}

const CONTENT = ['purpose', 'cadence_days', 'meeting_day', 'meeting_time', 'channel', 'boundaries', 'success_measure', 'contributions', 'dialogue_format', 'renegotiate_on'] as const;

/**
 * Stores a proposed contract as the pair's next version, confirmed by its proposer. A resend of
 * the same form keeps its version and takes the new answers; since the partner may have confirmed
 * the earlier answers, their confirmation is withdrawn and they are asked again.
 */
export async function storeContract(db: D1Database, participant: Participant, week: number, input: ContractInput): Promise<Stored> {
  if (participant.pairId === null) throw new Error('storeContract needs a participant in a pair');
  const values = [input.purpose, Number(input.cadence_days), input.meeting_day, input.meeting_time, input.channel, input.boundaries, input.success_measure, input.contributions, input.dialogue_format, input.renegotiate_on];
  const placeholders = CONTENT.map((_, i) => `?${i + 6}`).join(', ');
  const [upsert] = await db.batch([
    db
      .prepare(
        `INSERT INTO contracts (idempotency_key, participant_id, cohort_id, pair_id, week, version, ${CONTENT.join(', ')})
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(version), 0) + 1 FROM contracts WHERE pair_id = ?4), ${placeholders})
         ON CONFLICT (participant_id, idempotency_key) DO UPDATE SET ${CONTENT.map((c) => `${c} = excluded.${c}`).join(', ')}, revision = revision + 1
         RETURNING id, version, revision`,
      )
      .bind(input.idempotency_key, participant.id, participant.cohortId, participant.pairId, week, ...values),
    db
      .prepare(
        `DELETE FROM contract_confirmations WHERE participant_id <> ?1
         AND contract_id = (SELECT id FROM contracts WHERE participant_id = ?1 AND idempotency_key = ?2 AND revision > 1)`,
      )
      .bind(participant.id, input.idempotency_key),
    db
      .prepare(
        `INSERT INTO contract_confirmations (contract_id, participant_id)
         SELECT id, ?1 FROM contracts WHERE participant_id = ?1 AND idempotency_key = ?2 ON CONFLICT DO NOTHING`,
      )
      .bind(participant.id, input.idempotency_key),
  ]);
  const row = upsert!.results[0] as { id: number; version: number; revision: number };
  return { id: row.id, week, replayed: row.revision > 1 };
}

interface ContractRow {
  id: number;
  version: number;
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
  confirmed_by: string | null;
}

/** The pair's latest contract version with who confirmed it, or null before the first. */
export async function getLatestContract(db: D1Database, pairId: number): Promise<Contract | null> {
  const row = await db
    .prepare(
      `SELECT c.*, (SELECT group_concat(participant_id) FROM contract_confirmations WHERE contract_id = c.id) AS confirmed_by
       FROM contracts c WHERE c.pair_id = ?1 ORDER BY c.version DESC LIMIT 1`,
    )
    .bind(pairId)
    .first<ContractRow>();
  if (!row) return null;
  return {
    id: row.id,
    version: row.version,
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
    confirmedBy: row.confirmed_by ? row.confirmed_by.split(',').map(Number) : [],
  };
}

export type ConfirmOutcome = 'confirmed' | 'not-found' | 'outdated';

/** Confirms a contract version for a member of its pair; only the latest version can be confirmed. */
export async function confirmContract(db: D1Database, participant: Participant, contractId: number): Promise<ConfirmOutcome> {
  const contract = await db
    .prepare('SELECT id, version, (SELECT MAX(version) FROM contracts WHERE pair_id = c.pair_id) AS latest FROM contracts c WHERE id = ?1 AND pair_id = ?2')
    .bind(contractId, participant.pairId)
    .first<{ id: number; version: number; latest: number }>();
  if (!contract) return 'not-found';
  if (contract.version !== contract.latest) return 'outdated';
  await db.prepare('INSERT INTO contract_confirmations (contract_id, participant_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING').bind(contractId, participant.id).run();
  return 'confirmed';
}
