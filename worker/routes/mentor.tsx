/** The mentor's dashboard (/mentor/<slug>?t=TOKEN): for the cohort's mentor only. */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { getCohortBySlug } from '../db/cohorts.ts';
import { loadDashboard } from '../db/mentor.ts';
import { fail } from '../errors.ts';
import { requireLink } from '../middleware/auth.ts';
import { page } from '../views/layout.tsx';
import { DashboardPage } from '../views/mentor.tsx';

export const mentor = new Hono<AppEnv>().get('/mentor/:slug{[a-z0-9-]+}', requireLink, async (c) => {
  const participant = c.get('participant');
  if (participant.role !== 'mentor' || participant.cohort.slug !== c.req.param('slug')) {
    fail(403, 'forbidden', 'Your link does not open this dashboard. Your own page is the one your mentor sent you; if you are this cohort’s mentor, use the dashboard link from “npm run tandem -- links”.', {
      page: 'This page is for the cohort’s mentor',
    });
  }
  const cohort = (await getCohortBySlug(c.env.DB, participant.cohort.slug))!;
  const dashboard = await loadDashboard(c.env.DB, cohort);
  c.header('Cache-Control', 'private, no-store');
  c.header('X-Robots-Tag', 'noindex');
  return c.html(page(`${cohort.name}: dashboard`, <DashboardPage cohort={cohort} dashboard={dashboard} />));
});
