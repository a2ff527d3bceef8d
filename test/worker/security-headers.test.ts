/**
 * Every response carries the site's security headers and Content-Security-Policy, and the static
 * pages' _headers file says exactly what the Worker says.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import staticHeaders from '../../site/public/_headers?raw';
import { app } from '../../worker/app.ts';
import { CONTENT_SECURITY_POLICY } from '../../worker/middleware/security-headers.ts';
import { formPost, jsonPost, makeCohort, ORIGIN, validCheckin } from './helpers.ts';

/** The `/*` rule of a _headers file, as header name (lower case) → value. */
function headersForAllPaths(file: string): Record<string, string> {
  const lines = file.split('\n');
  const start = lines.indexOf('/*');
  if (start === -1) throw new Error('_headers has no /* rule');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (!/^\s+\S/.test(line)) break;
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

const expected = headersForAllPaths(staticHeaders);
let token: string;
const request = (path: string, init: RequestInit = {}) => app.request(`${ORIGIN}${path}`, init, env);

beforeAll(async () => {
  token = (await makeCohort()).ada.token;
});

describe('the Content-Security-Policy', () => {
  const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows only the site’s own files, and no inline script or eval', () => {
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  });

  it('forbids framing the site and posting forms anywhere else', () => {
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'self'"]);
  });

  it('is the one the static pages get from _headers', () => {
    expect(expected['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe.each([
  ['a form page', () => request(`/checkin/?t=${token}`), 200],
  ['a participant’s page', () => request(`/me/?t=${token}`), 200],
  ['a stored JSON post', () => request('/api/checkins', jsonPost(validCheckin(), token)), 201],
  ['a browser post’s redirect', () => request('/api/checkins', formPost({ ...validCheckin(), token })), 303],
  ['an API error', () => request('/api/checkins', jsonPost(validCheckin())), 401],
  ['a missing page', () => request('/nothing-here', { headers: { Accept: 'text/html' } }), 404],
])('%s', (_name, send, status) => {
  it('carries every header of _headers, with the same value', async () => {
    const res = await send();
    expect(res.status).toBe(status);
    const sent = Object.fromEntries(Object.keys(expected).map((name) => [name, res.headers.get(name)]));
    expect(sent).toEqual(expected);
  });
});

it('sends no security header that _headers lacks', async () => {
  const res = await request('/api/nothing', { headers: { Accept: 'application/json' } });
  const routine = new Set(['content-type', 'content-length', 'cache-control']);
  const names = [...res.headers.keys()].filter((name) => !routine.has(name)).sort();
  expect(names).toEqual(Object.keys(expected).sort());
});
