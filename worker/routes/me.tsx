/** A participant's own page (/me?t=TOKEN), their calendar, and the small forms on the page. */
import { Hono, type Context } from 'hono';
import type { AppEnv, LinkEnv, ParticipantEnv } from '../app-env.ts';
import { loadGuidance } from '../assets.ts';
import { confirmContract } from '../db/contracts.ts';
import { rateFeedback } from '../db/feedback.ts';
import { setGoalStatus, storeMilestone } from '../db/goals.ts';
import { loadMyWeek } from '../db/me.ts';
import { withdrawConsent } from '../db/published.ts';
import { buildCalendar, toBasicUtc } from '../domain/calendar.ts';
import { cycleAt, localDate } from '../domain/weeks.ts';
import { fail } from '../errors.ts';
import { confirmSchema } from '../forms/contract.ts';
import { ratingSchema } from '../forms/feedback.ts';
import { goalStatusSchema, milestoneSchema } from '../forms/goal.ts';
import { withdrawalSchema } from '../forms/reflection.ts';
import { requireAuthor, requireLink, requireParticipant } from '../middleware/auth.ts';
import { readBody, wantsHtml } from '../middleware/body.ts';
import { countPosts } from '../middleware/rate-limit.ts';
import { turnstilePage } from '../middleware/turnstile.ts';
import { parseSubmission, refuseHoneypot } from '../middleware/validation.ts';
import { page } from '../views/layout.tsx';
import { MePage } from '../views/me.tsx';

const mePage = async (c: Context<LinkEnv>) => {
  const participant = c.get('participant');
  const my = await loadMyWeek(c.env.DB, participant, cycleAt(participant.cohort, new Date()));
  const guidance = await loadGuidance(c, my.needs);
  c.header('Cache-Control', 'private, no-cache');
  const today = localDate(new Date(), participant.cohort.timezone);
  const body = <MePage participant={participant} token={c.get('token')} my={my} today={today} guidance={guidance} newKey={() => crypto.randomUUID()} />;
  return c.html(page(`${participant.displayName}’s week`, body));
};

export const me = new Hono<AppEnv>()
  .get('/me', turnstilePage, requireLink, mePage)
  .get('/me/', turnstilePage, requireLink, mePage)
  .get('/me/calendar.ics', requireLink, async (c) => {
    const participant = c.get('participant');
    const now = new Date();
    const my = await loadMyWeek(c.env.DB, participant, cycleAt(participant.cohort, now));
    const contract = my.contract;
    const ics = buildCalendar({
      uidPrefix: `participant-${participant.id}`,
      cohortName: participant.cohort.name,
      timezone: participant.cohort.timezone,
      startsOn: participant.cohort.startsOn,
      cadenceDays: participant.cohort.cadenceDays,
      endsOn: participant.cohort.endsOn,
      today: localDate(now, participant.cohort.timezone),
      stamp: toBasicUtc(now),
      weeksAhead: 12,
      // Only an agreed contract puts meetings in the calendar.
      meeting: !contract?.agreed ? null : {
        day: contract.meetingDay as 'monday',
        time: contract.meetingTime,
        minutes: contract.meetingMinutes,
        everyDays: contract.cadenceDays === 14 ? 14 : 7,
        channel: contract.channel,
        partnerNames: my.partners.map((p) => p.displayName),
      },
    });
    return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'attachment; filename="tandem.ics"', 'Cache-Control': 'private, no-cache' });
  });

/** After a small form on /me: back to the page (browser) or a JSON answer. */
function done(c: Context<ParticipantEnv>, status: 200 | 201, body: Record<string, unknown>) {
  if (wantsHtml(c)) return c.redirect(`/me/?t=${encodeURIComponent(c.get('token'))}`, 303);
  return c.json(body, status);
}

export const meActions = new Hono<AppEnv>()
  .use(countPosts, readBody, refuseHoneypot, requireAuthor, requireParticipant)
  .post('/contract-confirmations', async (c) => {
    const { contract_id, revision } = parseSubmission(c, confirmSchema, '/me/');
    const outcome = await confirmContract(c.env.DB, c.get('participant'), contract_id, revision);
    if (outcome === 'not-found') fail(404, 'not_found', 'There is no such contract in your pair.');
    if (outcome === 'outdated') fail(409, 'conflict', 'The contract changed since you read it: open your page again, read it, and confirm that one.');
    return done(c, 200, { confirmed: contract_id });
  })
  .post('/goal-status', async (c) => {
    const input = parseSubmission(c, goalStatusSchema, '/me/');
    const participant = c.get('participant');
    const changed = await setGoalStatus(c.env.DB, participant, input.goal_id, input.status, localDate(new Date(), participant.cohort.timezone));
    if (!changed) fail(404, 'not_found', 'There is no such goal among yours.');
    return done(c, 200, { goal_id: input.goal_id, status: input.status });
  })
  .post('/milestones', async (c) => {
    const input = parseSubmission(c, milestoneSchema, '/me/');
    const participant = c.get('participant');
    const stored = await storeMilestone(c.env.DB, participant, cycleAt(participant.cohort, new Date()), input);
    if (!stored) fail(404, 'not_found', 'There is no such goal among yours.');
    return done(c, 201, { goal_id: input.goal_id });
  })
  .post('/withdrawals', async (c) => {
    const input = parseSubmission(c, withdrawalSchema, '/me/');
    if (!(await withdrawConsent(c.env.DB, c.get('participant'), input.kind, input.id))) fail(404, 'not_found', `There is no such ${input.kind} among yours.`);
    return done(c, 200, { kind: input.kind, id: input.id, consent: 'private' });
  })
  .post('/feedback-ratings', async (c) => {
    const input = parseSubmission(c, ratingSchema, '/me/');
    const outcome = await rateFeedback(c.env.DB, c.get('participant'), input.feedback_id, input.usefulness);
    if (outcome === 'not-found') fail(404, 'not_found', 'There is no such feedback addressed to you.');
    if (outcome === 'already-rated') fail(409, 'conflict', 'You have rated this feedback already; a rating is given once.');
    return done(c, 200, { feedback_id: input.feedback_id, usefulness: input.usefulness });
  });
