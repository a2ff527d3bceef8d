/**
 * A stand-in for Cloudflare's Turnstile siteverify, which the tests cannot reach (no internet).
 * It answers as Cloudflare documents for its test secret keys
 * (developers.cloudflare.com/turnstile/reference/testing/): 1x… always passes, 2x… always
 * fails, 3x… says the token was already spent; any other secret is refused as invalid.
 *
 * Cloudflare's docs point to MSW (@msw/cloudflare) for outbound mocks in @cloudflare/vitest-plugin
 * 1.5; it is not a dependency here, so this spies on the global fetch, as scheduled.test.ts does
 * for the deploy hook. Any other outbound request fails the test.
 */
import { vi } from 'vitest';
import { SITEVERIFY_URL } from '../../worker/middleware/turnstile.ts';

export const PASSING_SECRET = '1x0000000000000000000000000000000AA';
export const FAILING_SECRET = '2x0000000000000000000000000000000AA';
export const SPENT_SECRET = '3x0000000000000000000000000000000AA';
/** The always-passing, visible test site key. */
export const TEST_SITE_KEY = '1x00000000000000000000AA';
/** The token the widget produces with a test site key. */
export const DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';

export interface SiteverifyCall {
  secret: string;
  response: string;
  remoteip: string | null;
}

/** Intercepts siteverify; returns the calls it answered, in order. */
export function mockSiteverify(): SiteverifyCall[] {
  const calls: SiteverifyCall[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (request.url !== SITEVERIFY_URL || request.method !== 'POST') throw new Error(`unexpected outbound request: ${request.method} ${request.url}`);
    const form = await request.formData();
    const call = { secret: String(form.get('secret')), response: String(form.get('response') ?? ''), remoteip: form.get('remoteip') as string | null };
    calls.push(call);
    return Response.json(answer(call));
  });
  return calls;
}

function answer({ secret, response }: SiteverifyCall): { success: boolean; 'error-codes': string[] } {
  if (response === '') return { success: false, 'error-codes': ['missing-input-response'] };
  if (secret === PASSING_SECRET) return { success: true, 'error-codes': [] };
  if (secret === FAILING_SECRET) return { success: false, 'error-codes': ['invalid-input-response'] };
  if (secret === SPENT_SECRET) return { success: false, 'error-codes': ['timeout-or-duplicate'] };
  return { success: false, 'error-codes': ['invalid-input-secret'] };
}
