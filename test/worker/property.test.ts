/**
 * Arbitrary posts to every form endpoint, through the Worker in workerd: whatever the body, the
 * answer is a deliberate one (stored, or a 4xx in the error envelope), never a 500.
 */
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { app } from '../../worker/app.ts';
import { anyText, nearlyValidBody, VALID_BODIES } from '../node/unit/arbitraries.ts';
import { makeCohort, ORIGIN } from './helpers.ts';

/** Each endpoint with the schema of its body. */
const ENDPOINTS: [string, string][] = [
  ['/api/checkins', 'checkinSchema'],
  ['/api/reflections', 'reflectionSchema'],
  ['/api/contracts', 'contractSchema'],
  ['/api/goals', 'goalSchema'],
  ['/api/feedback', 'feedbackSchema'],
  ['/api/pulses', 'pulseSchema'],
  ['/api/program-feedback', 'programFeedbackSchema'],
  ['/api/me/contract-confirmations', 'confirmSchema'],
  ['/api/me/goal-status', 'goalStatusSchema'],
  ['/api/me/milestones', 'milestoneSchema'],
  ['/api/me/feedback-ratings', 'ratingSchema'],
  ['/api/me/withdrawals', 'withdrawalSchema'],
];
const DELIBERATE = new Set([200, 201, 303, 400, 404, 409, 413, 415]);

// The rate limit is not under test here, and would turn most of these posts into 429s.
const unlimited = { ...env, POSTS_PER_MINUTE: '1000000', POST_LIMITER: { limit: async () => ({ success: true }) } } as unknown as Env;
let token: string;
const endpoint = fc.constantFrom(...ENDPOINTS);
const fieldsOf = (schemaName: string) => Object.keys(VALID_BODIES[schemaName]!());

async function answer(path: string, init: RequestInit): Promise<Response> {
  const res = await app.request(`${ORIGIN}${path}`, init, unlimited);
  if (!DELIBERATE.has(res.status)) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return res;
}

beforeAll(async () => {
  token = (await makeCohort()).ada.token;
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('every form endpoint', () => {
  it('answers any JSON object deliberately, errors in the envelope', async () => {
    const error = vi.spyOn(console, 'error');
    await fc.assert(
      fc.asyncProperty(endpoint.chain(([path, schema]) => fc.tuple(fc.constant(path), nearlyValidBody(schema, fieldsOf(schema)))), async ([path, body]) => {
        const res = await answer(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } });
        if (res.status >= 400) {
          const { error: envelope } = await res.json<{ error: { code: string; message: string; fields: Record<string, string> } }>();
          expect(envelope.message.length).toBeGreaterThan(0);
          expect(typeof envelope.fields).toBe('object');
        }
      }),
      { numRuns: 80 },
    );
    expect(error).not.toHaveBeenCalled();
  });

  it('answers any browser form post deliberately, HTML pages included', async () => {
    const text = fc.oneof(anyText, fc.constant('')).filter((s) => s.length < 3000);
    await fc.assert(
      fc.asyncProperty(endpoint, fc.array(fc.tuple(text, text), { maxLength: 8 }), async ([path, schema], extra) => {
        const body = new URLSearchParams({ ...VALID_BODIES[schema]!(), token });
        for (const [name, value] of extra) body.append(name, value);
        await answer(path, { method: 'POST', body, headers: { Origin: ORIGIN } });
      }),
      { numRuns: 60 },
    );
  });

  it('answers any bytes under any form content type deliberately', async () => {
    const contentType = fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json', 'application/json; charset=utf-8');
    await fc.assert(
      fc.asyncProperty(endpoint, contentType, fc.uint8Array({ maxLength: 200 }), async ([path], type, bytes) => {
        await answer(path, { method: 'POST', body: bytes, headers: { 'Content-Type': type, Origin: ORIGIN, Authorization: `Bearer ${token}` } });
      }),
      { numRuns: 60 },
    );
  });
});
