/**
 * The security headers of every response: the Worker's through secureHeaders(), and the static
 * pages' through site/public/_headers, which must say the same (test/worker/security-headers.test.ts
 * compares them). Static pages are served without running the Worker, so only _headers reaches them.
 */
import { secureHeaders } from 'hono/secure-headers';

/** Where Cloudflare Turnstile's script and challenge frame come from. */
export const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';

/**
 * Only the site's own files. 'wasm-unsafe-eval' lets Pagefind (the library search) compile its
 * WebAssembly, and nothing else: no inline script, no eval. data: images are Pagefind's icons.
 */
const DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

function serialise(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)} ${values.join(' ')}`)
    .join('; ');
}

/** The site's Content-Security-Policy. */
export const CONTENT_SECURITY_POLICY = serialise(DIRECTIVES);

/** The policy of a page that embeds the Turnstile widget: its script and its frame are allowed too. */
export const TURNSTILE_CONTENT_SECURITY_POLICY = serialise({
  ...DIRECTIVES,
  scriptSrc: [...DIRECTIVES.scriptSrc, TURNSTILE_ORIGIN],
  frameSrc: ["'self'", TURNSTILE_ORIGIN],
});

/**
 * Hono's secure headers with the site's policy. `overwrite: false` keeps a policy a handler set
 * itself: the pages that embed Turnstile widen it that way.
 */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: DIRECTIVES,
  xFrameOptions: 'DENY',
  overwrite: false,
});
