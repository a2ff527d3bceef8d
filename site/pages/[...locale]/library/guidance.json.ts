/**
 * For each moment of need a check-in can reveal, the two or three library entries to read: the
 * entries of that stage, then the entries they point to, in each language (/es/library/guidance.json
 * names the Spanish titles, and the originals of entries not yet translated). The Worker shows them
 * on the thank-you page after such a check-in and on the participant's page.
 */
import type { APIRoute } from 'astro';
import type { Locale } from '../../../../worker/domain/locales.ts';
import { everyLocale } from '../../../lib/i18n.ts';
import { guidanceByNeed } from '../../../lib/library.ts';

export const getStaticPaths = everyLocale;

export const GET: APIRoute<{ locale: Locale }> = async ({ props }) => {
  return new Response(JSON.stringify(await guidanceByNeed(props.locale)), { headers: { 'Content-Type': 'application/json' } });
};
