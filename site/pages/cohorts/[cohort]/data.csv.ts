import type { APIRoute } from 'astro';
import { openDataCsv } from '../../../lib/open-data.ts';
import { cohortPaths, type Story } from '../../../lib/stories.ts';

export const getStaticPaths = cohortPaths;

export const GET: APIRoute<{ story: Story }> = ({ props }) => new Response(openDataCsv(props.story), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
