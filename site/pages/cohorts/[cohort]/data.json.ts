import type { APIRoute } from 'astro';
import { openData } from '../../../lib/open-data.ts';
import { storyOf } from '../../../lib/stories.ts';

// Rendered after the build from the story the renderer hands it (site/integrations/renderer.ts).
export const prerender = false;

export const GET: APIRoute = ({ locals }) =>
  new Response(`${JSON.stringify(openData(storyOf(locals)), null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
