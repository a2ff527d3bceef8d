/**
 * For each moment of need a check-in can reveal, the two or three library entries to read: the
 * entries of that stage, then the entries they point to. The Worker shows them on the thank-you
 * page after such a check-in and on the participant's page.
 */
import type { APIRoute } from 'astro';
import { NEEDS } from '../../../worker/domain/needs.ts';
import { libraryEntries } from '../../lib/stories.ts';

export const GET: APIRoute = async () => {
  const entries = await libraryEntries();
  const guidance = Object.fromEntries(
    NEEDS.map((need) => {
      const ofStage = entries.filter((e) => e.data.stage === need).sort((a, b) => a.data.minutes - b.data.minutes);
      const related = ofStage.flatMap((e) => e.data.related).map((slug) => entries.find((e) => e.id === slug)!);
      const picked = [...new Set([...ofStage, ...related])].slice(0, 3);
      return [need, picked.map((e) => ({ slug: e.id, title: e.data.title, summary: e.data.summary }))];
    }),
  );
  return new Response(JSON.stringify(guidance), { headers: { 'Content-Type': 'application/json' } });
};
