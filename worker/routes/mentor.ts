/** The mentor's dashboard (/mentor/<slug>?t=TOKEN): for the cohort's mentor only. */
import { Hono } from 'hono';
import { getCohortBySlug } from '../db/cohorts.ts';
import { loadDashboard } from '../db/mentor.ts';
import type { AppEnv } from '../http/app-env.ts';
import { renderDashboard } from '../http/mentor-page.ts';
import { messagePage, workerPage } from '../http/pages.ts';
import { participantFromLink } from '../http/submission.ts';

export const mentor = new Hono<AppEnv>().get('/mentor/:slug{[a-z0-9-]+}', async (c) => {
  const holder = await participantFromLink(c);
  if (holder instanceof Response) return holder;
  const { participant } = holder;
  if (participant.role !== 'mentor' || participant.cohort.slug !== c.req.param('slug')) {
    return messagePage(c, 403, 'This page is for the cohort’s mentor', 'Your link does not open this dashboard. Your own page is the one your mentor sent you; if you are this cohort’s mentor, use the dashboard link from “npm run tandem -- links”.');
  }
  const cohort = (await getCohortBySlug(c.env.DB, participant.cohort.slug))!;
  const dashboard = await loadDashboard(c.env.DB, cohort);
  c.header('Cache-Control', 'private, no-store');
  c.header('X-Robots-Tag', 'noindex');
  return c.html(workerPage(`${cohort.name}: dashboard`, renderDashboard(cohort, dashboard)));
});
