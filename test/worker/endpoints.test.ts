/** Rules every form endpoint shares: a token is needed, and bad input is a 400, never a 500. */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { jsonPost, makeCohort, ORIGIN } from './helpers.ts';

const ENDPOINTS = [
  '/api/checkins',
  '/api/reflections',
  '/api/contracts',
  '/api/goals',
  '/api/feedback',
  '/api/pulses',
  '/api/program-feedback',
  '/api/me/contract-confirmations',
  '/api/me/goal-status',
  '/api/me/milestones',
  '/api/me/feedback-ratings',
  '/api/me/withdrawals',
];

/** Values of every wrong kind for every field any form has. */
const HOSTILE = Object.fromEntries(
  ['idempotency_key', 'progress', 'next_step', 'committed_action', 'carry_forward', 'energy', 'needs_pause', 'working', 'purpose', 'cadence_days', 'meeting_day', 'meeting_time', 'renegotiate_on', 'what', 'measure', 'due_on', 'replaces_goal_id', 'receiver_id', 'behaviour', 'trust', 'cadence_fit', 'contract_id', 'goal_id', 'status', 'feedback_id', 'usefulness', 'reached_on', 'kind', 'id'].map((name, i) => [
    name,
    [null, true, [], {}, -1, 1e308, 'x'.repeat(3000), '<script>', "1' OR '1'='1", '2026-02-30', '\u0000'][i % 11],
  ]),
);

let token: string;
beforeAll(async () => {
  token = (await makeCohort()).ada.token;
});

describe.each(ENDPOINTS)('POST %s', (path) => {
  it('answers 401 without a token', async () => {
    const res = await app.request(`${ORIGIN}${path}`, jsonPost({}), env);
    expect(res.status).toBe(401);
  });

  it('answers 400 with field messages to hostile values, never a 500', async () => {
    const res = await app.request(`${ORIGIN}${path}`, jsonPost(HOSTILE, token), env);
    expect(res.status).toBe(400);
    const { error } = await res.json<{ error: { code: string; fields: Record<string, string> } }>();
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.fields).length).toBeGreaterThan(0);
  });
});
