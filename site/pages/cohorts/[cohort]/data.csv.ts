import type { APIRoute } from 'astro';
import { openDataCsv } from '../../../lib/open-data.ts';
import { storyOf } from '../../../lib/stories.ts';

// Rendered after the build from the story the renderer hands it (site/integrations/renderer.ts).
export const prerender = false;

export const GET: APIRoute = ({ locals }) => new Response(openDataCsv(storyOf(locals)), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
