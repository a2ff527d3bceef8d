/** Fixtures for the Worker tests: a cohort with two pairs, and signed links for its people. */
import { env } from 'cloudflare:test';
import { signToken } from '../../worker/domain/links.ts';
import { insertCohort } from '../../worker/db/cohorts.ts';
import { listLinkRecipients } from '../../worker/db/participants.ts';
import { importRoster } from '../../worker/db/roster.ts';

export const ORIGIN = 'http://tandem.test';

export interface Person {
  id: number;
  name: string;
  token: string;
}

let cohortCount = 0;

/** Adds a fresh cohort (unique per call) with Ada & Ben in pair 1 and Cy & Di in pair 2. */
export async function makeCohort(): Promise<Record<'ada' | 'ben' | 'cy' | 'di', Person> & { cohortId: number }> {
  const slug = `test-${++cohortCount}-${crypto.randomUUID().slice(0, 8)}`;
  const cohort = (await insertCohort(env.DB, { slug, name: 'Test cohort', timezone: 'Europe/London', cadenceDays: 7, startsOn: '2026-01-05', endsOn: null, publication: 'public', language: 'en' }))!;
  await importRoster(env.DB, cohort.id, [
    { name: 'Ada', email: `ada@${slug}.example`, role: 'mentee', pair: 'P1', circle: 'C1' },
    { name: 'Ben', email: `ben@${slug}.example`, role: 'mentee', pair: 'P1', circle: 'C1' },
    { name: 'Cy', email: `cy@${slug}.example`, role: 'mentee', pair: 'P2', circle: 'C1' },
    { name: 'Di', email: `di@${slug}.example`, role: 'mentee', pair: 'P2', circle: 'C1' },
  ]);
  const people = await listLinkRecipients(env.DB, cohort.id);
  const byName = async (name: string): Promise<Person> => {
    const p = people.find((x) => x.displayName === name)!;
    return { id: p.id, name, token: await signToken(env.LINK_SECRET, { participantId: p.id, cohortId: p.cohortId, linkVersion: p.linkVersion }) };
  };
  return { cohortId: cohort.id, ada: await byName('Ada'), ben: await byName('Ben'), cy: await byName('Cy'), di: await byName('Di') };
}

/** A same-origin browser form post. */
export function formPost(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, ...headers } };
}

export function jsonPost(body: unknown, token?: string): RequestInit {
  return {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  };
}

export function validCheckin(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    idempotency_key: crypto.randomUUID(),
    progress: 'Finished the outline of chapter two.',
    next_step: 'Draft the first section.',
    committed_action: 'Write 500 words on Tuesday morning.',
    ...overrides,
  };
}

export async function countRows(table: 'checkins' | 'reflections', participantId: number): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE participant_id = ?1`).bind(participantId).first<{ n: number }>();
  return row!.n;
}
