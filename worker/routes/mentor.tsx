/** The mentor's dashboard (/mentor/<slug>?t=TOKEN) and its table as CSV: for the cohort's mentor only. */
import { stringify } from 'csv-stringify/sync';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, LinkEnv } from '../app-env.ts';
import { getCohortBySlug, type Cohort } from '../db/cohorts.ts';
import { loadDashboard } from '../db/mentor.ts';
import { message } from '../domain/i18n.ts';
import { fail } from '../errors.ts';
import { requireLink } from '../middleware/auth.ts';
import { page } from '../views/layout.tsx';
import { DashboardPage, PAIR_COLUMNS } from '../views/mentor.tsx';

interface MentorEnv extends LinkEnv {
  Variables: LinkEnv['Variables'] & { cohort: Cohort };
}

/** After requireLink: the link must be this cohort's mentor's (403 otherwise). */
const requireMentor = createMiddleware<MentorEnv>(async (c, next) => {
  const participant = c.get('participant');
  if (participant.role !== 'mentor' || participant.cohort.slug !== c.req.param('slug')) {
    fail(403, 'forbidden', message('errors.mentor.forbidden'), { page: message('errors.mentor.forbidden.title') });
  }
  c.set('cohort', (await getCohortBySlug(c.env.DB, participant.cohort.slug))!);
  c.header('Cache-Control', 'private, no-store');
  c.header('X-Robots-Tag', 'noindex');
  await next();
});

export const mentor = new Hono<AppEnv>()
  .get('/mentor/:slug{[a-z0-9-]+}', requireLink, requireMentor, async (c) => {
    const cohort = c.get('cohort');
    const dashboard = await loadDashboard(c.env.DB, cohort);
    return c.html(page(c, c.get('t')('mentor.title', { cohort: cohort.name }), <DashboardPage cohort={cohort} dashboard={dashboard} token={c.get('token')} />));
  })
  .get('/mentor/:slug{[a-z0-9-]+}/pairs.csv', requireLink, requireMentor, async (c) => {
    const cohort = c.get('cohort');
    const dashboard = await loadDashboard(c.env.DB, cohort);
    // In the mentor's language, headers too. Names and reasons are typed by people: no cell may run as a spreadsheet formula.
    const on = { t: c.get('t'), timeZone: cohort.timezone };
    const csv = stringify([PAIR_COLUMNS.map((col) => on.t(col.name)), ...dashboard.pairs.map((p) => PAIR_COLUMNS.map((col) => col.value(p, on)))], { escape_formulas: true });
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${cohort.slug}-pairs.csv"` });
  });

