/** The link-token codec under arbitrary input: it never throws, round-trips, and refuses any change. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readToken, signToken, verifyClaim, type LinkSubject } from '../../../worker/domain/links.ts';
import { anyText } from './arbitraries.ts';

const subject = fc.record({
  participantId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }).filter((n) => String(n).length <= 15),
  cohortId: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  linkVersion: fc.integer({ min: 1, max: 999_999_999 }),
});
const secret = fc.string({ unit: 'binary', minLength: 32, maxLength: 80 });
/** Characters a token may be edited into: digits, the dot and base64url. */
const tokenChar = fc.constantFrom(...'0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_+/= ');

describe('readToken', () => {
  it('answers any string with null or a well-formed claim, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.stringMatching(/^\d{1,17}(\.\d{1,17})?\.\d{1,11}\.[A-Za-z0-9_-]{40,45}$/)), (text) => {
        const claim = readToken(text);
        if (claim === null) return;
        expect(Number.isSafeInteger(claim.participantId) && claim.participantId > 0).toBe(true);
        expect(claim.cohortId === null || (Number.isSafeInteger(claim.cohortId) && claim.cohortId > 0)).toBe(true);
        expect(Number.isSafeInteger(claim.linkVersion) && claim.linkVersion > 0).toBe(true);
        expect(claim.signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
        const cohort = claim.cohortId === null ? '' : `${claim.cohortId}.`;
        expect(`${claim.participantId}.${cohort}${claim.linkVersion}.${claim.signature}`).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('signToken → readToken → verifyClaim', () => {
  it('round-trips for any participant, cohort, version and secret', async () => {
    await fc.assert(
      fc.asyncProperty(subject, secret, async (s: LinkSubject, key) => {
        const claim = readToken(await signToken(key, s));
        expect(claim).toMatchObject({ participantId: s.participantId, cohortId: s.cohortId, linkVersion: s.linkVersion });
        expect(await verifyClaim(key, claim!, s)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a token with any one character changed, removed or added', async () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), ch: tokenChar }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat(), ch: fc.constant('') }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), ch: tokenChar }),
    );
    await fc.assert(
      fc.asyncProperty(subject, secret, edit, async (s, key, { kind, at, ch }) => {
        const token = await signToken(key, s);
        const i = at % (token.length + (kind === 'insert' ? 1 : 0));
        const tampered = token.slice(0, i) + ch + token.slice(kind === 'insert' ? i : i + 1);
        fc.pre(tampered !== token);
        const claim = readToken(tampered);
        if (claim !== null) expect(await verifyClaim(key, claim, s)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a token signed with another secret, or for another cohort', async () => {
    await fc.assert(
      fc.asyncProperty(subject, secret, secret, fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (s, key, otherKey, otherCohort) => {
        fc.pre(key !== otherKey && otherCohort !== s.cohortId);
        const claim = readToken(await signToken(otherKey, s))!;
        expect(await verifyClaim(key, claim, s)).toBe(false);
        const moved = readToken(await signToken(key, { ...s, cohortId: otherCohort }))!;
        expect(await verifyClaim(key, moved, s)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
