import { describe, expect, it } from 'vitest';
import { readToken, signToken, verifyClaim, type LinkSubject } from '../../../worker/domain/links.ts';

const SECRET = 'unit-test-link-secret-with-32-plus-characters';
const subject: LinkSubject = { participantId: 42, cohortId: 7, linkVersion: 3 };

async function claimFor(s: LinkSubject) {
  const claim = readToken(await signToken(SECRET, s));
  if (!claim) throw new Error('signToken made a token readToken does not read');
  return claim;
}

/** Replaces one character of the signature (not the last, whose low bits are padding). */
function flipSignatureChar(signature: string, index = 10): string {
  const ch = signature[index] === 'A' ? 'B' : 'A';
  return signature.slice(0, index) + ch + signature.slice(index + 1);
}

describe('signToken', () => {
  it('makes <participantId>.<cohortId>.<linkVersion>.<43-char signature>', async () => {
    expect(await signToken(SECRET, subject)).toMatch(/^42\.7\.3\.[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a secret shorter than 32 characters, naming npm run setup', async () => {
    await expect(signToken('x'.repeat(31), subject)).rejects.toThrow(/npm run setup/);
  });
});

describe('readToken', () => {
  it('reads the participant id, cohort id and link version', async () => {
    const claim = await claimFor(subject);
    expect(claim.participantId).toBe(42);
    expect(claim.cohortId).toBe(7);
    expect(claim.linkVersion).toBe(3);
    expect(claim.signature).toHaveLength(43);
  });

  it('refuses a token without its cohort id (no link was ever issued in that shape)', async () => {
    const [participant, , version, signature] = (await signToken(SECRET, subject)).split('.');
    expect(readToken(`${participant}.${version}.${signature}`)).toBeNull();
  });

  const sig = 'A'.repeat(43);
  it.each([
    ['empty', ''],
    ['extra dots', `1.1.${sig}.x`],
    ['five parts', `1.1.1.1.${sig}`],
    ['leading zero in the cohort id', `1.01.1.${sig}`],
    ['a 16-digit cohort id', `1.${'1'.repeat(16)}.1.${sig}`],
    ['leading zero in the id', `01.1.${sig}`],
    ['leading zero in the version', `1.01.${sig}`],
    ['non-base64url characters', `1.1.${'A'.repeat(42)}+`],
    ['a short signature', `1.1.${'A'.repeat(42)}`],
    ['a 16-digit id', `${'1'.repeat(16)}.1.${sig}`],
    ['a 10-digit version', `1.${'1'.repeat(10)}.${sig}`],
  ])('rejects %s', (_name, token) => {
    expect(readToken(token)).toBeNull();
  });

  it('accepts the longest allowed id and version', () => {
    expect(readToken(`${'9'.repeat(15)}.${'9'.repeat(15)}.${'9'.repeat(9)}.${sig}`)).toEqual({
      participantId: 999_999_999_999_999,
      cohortId: 999_999_999_999_999,
      linkVersion: 999_999_999,
      signature: sig,
    });
  });
});

describe('verifyClaim', () => {
  it('accepts a token for the participant it was signed for', async () => {
    expect(await verifyClaim(SECRET, await claimFor(subject), subject)).toBe(true);
  });

  it('refuses it for another participant id', async () => {
    const claim = { ...(await claimFor(subject)), participantId: 43 };
    expect(await verifyClaim(SECRET, claim, { ...subject, participantId: 43 })).toBe(false);
  });

  it('refuses it when the participant now belongs to another cohort', async () => {
    expect(await verifyClaim(SECRET, await claimFor(subject), { ...subject, cohortId: 8 })).toBe(false);
  });

  it('refuses a claim whose cohort id was edited, even to the one it is checked against', async () => {
    const claim = { ...(await claimFor(subject)), cohortId: 8 };
    expect(await verifyClaim(SECRET, claim, { ...subject, cohortId: 8 })).toBe(false);
    expect(await verifyClaim(SECRET, claim, subject)).toBe(false);
  });

  it('refuses it after the link version was bumped', async () => {
    expect(await verifyClaim(SECRET, await claimFor(subject), { ...subject, linkVersion: 4 })).toBe(false);
  });

  it('refuses a claim whose version was edited to the current one', async () => {
    const claim = { ...(await claimFor(subject)), linkVersion: 4 };
    expect(await verifyClaim(SECRET, claim, { ...subject, linkVersion: 4 })).toBe(false);
  });

  it('refuses a tampered signature', async () => {
    const claim = await claimFor(subject);
    expect(await verifyClaim(SECRET, { ...claim, signature: flipSignatureChar(claim.signature) }, subject)).toBe(false);
  });

  it('refuses a token signed with another secret', async () => {
    const claim = readToken(await signToken('another-secret-that-is-long-enough-too', subject))!;
    expect(await verifyClaim(SECRET, claim, subject)).toBe(false);
  });
});
