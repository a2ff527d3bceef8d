import type { APIRoute } from 'astro';
import { openData } from '../../../lib/open-data.ts';
import { cohortPaths, type Story } from '../../../lib/stories.ts';

export const getStaticPaths = cohortPaths;

export const GET: APIRoute<{ story: Story }> = ({ props }) =>
  new Response(`${JSON.stringify(openData(props.story), null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
