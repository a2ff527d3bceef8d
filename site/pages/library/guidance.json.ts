/**
 * For each moment of need a check-in can reveal, the two or three library entries to read: the
 * entries of that stage, then the entries they point to. The Worker shows them on the thank-you
 * page after such a check-in and on the participant's page.
 */
import type { APIRoute } from 'astro';
import { guidanceByNeed } from '../../lib/library.ts';

export const GET: APIRoute = async () => {
  return new Response(JSON.stringify(await guidanceByNeed()), { headers: { 'Content-Type': 'application/json' } });
};
