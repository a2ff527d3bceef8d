/**
 * The language of a request's answer: the participant's, once a link names them (their own choice,
 * else their cohort's); before that, the best of the browser's Accept-Language.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { translator, type Translator } from '../domain/i18n.ts';
import { negotiateLocale, type Locale } from '../domain/locales.ts';

function translatorFor<E extends AppEnv>(c: Context<E>, locale: Locale): Translator {
  // The pseudo-locale (every message wrapped in ⟦ ⟧) is for tests: wrangler.toml keeps it off.
  return translator(locale, { pseudo: String(c.env.PSEUDO_LOCALE) === 'on' });
}

/** Sets the translator for the browser's language; `speak` changes it when the participant is known. */
export const negotiatedLocale = createMiddleware<AppEnv>(async (c, next) => {
  c.set('t', translatorFor(c, negotiateLocale(c.req.header('Accept-Language'))));
  await next();
});

/** Answers from now on in `locale`. */
export function speak<E extends AppEnv>(c: Context<E>, locale: Locale): void {
  c.set('t', translatorFor(c, locale));
}
