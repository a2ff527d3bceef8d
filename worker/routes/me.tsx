/** A participant's own page (/me?t=TOKEN), their calendar, and the small forms on the page. */
import { Hono, type Context } from 'hono';
import type { AppEnv, LinkEnv, ParticipantEnv } from '../app-env.ts';
import { loadGuidance } from '../assets.ts';
import { confirmContract } from '../db/contracts.ts';
import { rateFeedback } from '../db/feedback.ts';
import { setGoalStatus, storeMilestone } from '../db/goals.ts';
import { isInCircle, loadCircle } from '../db/circle.ts';
import { loadHistory } from '../db/history.ts';
import { listMembersMoments } from '../db/moments.ts';
import { loadMyWeek } from '../db/me.ts';
import { congratulate, loadPartnership } from '../db/partnership.ts';
import { setOwnLanguage } from '../db/participants.ts';
import { exportParticipant } from '../db/people.ts';
import { getReminderSettings, saveReminderSettings } from '../db/reminder-settings.ts';
import { progressBoard } from '../domain/board.ts';
import { reminderSettingsSchema } from '../forms/reminders.ts';
import { hasPublished, listPublished, setConsent } from '../db/published.ts';
import { buildCalendar } from '../domain/calendar.ts';
import { message } from '../domain/i18n.ts';
import { cohortLinksExpired } from '../domain/links.ts';
import { isLocale } from '../domain/locales.ts';
import { addDays, cycleAt, cycleStart, localDate } from '../domain/weeks.ts';
import { fail } from '../errors.ts';
import { confirmSchema } from '../forms/contract.ts';
import { congratulationSchema } from '../forms/goal.ts';
import { ratingSchema } from '../forms/feedback.ts';
import { goalStatusSchema, milestoneSchema } from '../forms/goal.ts';
import { consentChangeSchema, withdrawalSchema } from '../forms/reflection.ts';
import { requireAuthor, requireLink, requireParticipant, whilePublished } from '../middleware/auth.ts';
import { readBody, wantsHtml } from '../middleware/body.ts';
import { countPosts } from '../middleware/rate-limit.ts';
import { turnstilePage } from '../middleware/turnstile.ts';
import { parseSubmission, refuseHoneypot } from '../middleware/validation.ts';
import { EndedPageView } from '../views/ended.tsx';
import { messagePage, page } from '../views/layout.tsx';
import { CirclePageView } from '../views/circle.tsx';
import { CohortPageView } from '../views/cohort.tsx';
import { HistoryPageView } from '../views/history.tsx';
import { MePage } from '../views/me.tsx';
import { PairPage } from '../views/pair.tsx';

const mePage = async (c: Context<LinkEnv>) => {
  const participant = c.get('participant');
  const endedOn = c.get('linkEndedOn');
  if (endedOn) {
    // The cohort's links expired, but something of theirs is published: what it is, and a way to withdraw it.
    c.header('Cache-Control', 'private, no-store');
    const published = await listPublished(c.env.DB, participant.id);
    return c.html(page(c, c.get('t')('ended.title', { name: participant.displayName }), <EndedPageView participant={participant} token={c.get('token')} endsOn={endedOn} published={published} />));
  }
  const my = await loadMyWeek(c.env.DB, participant, cycleAt(participant.cohort, new Date()));
  const [guidance, reminders] = await Promise.all([loadGuidance(c, my.needs, participant.language), getReminderSettings(c.env.DB, participant.id)]);
  c.header('Cache-Control', 'private, no-cache');
  const today = localDate(new Date(), participant.cohort.timezone);
  const host = new URL(c.req.url).host;
  const body = <MePage participant={participant} token={c.get('token')} host={host} my={my} today={today} guidance={guidance} reminders={reminders} newKey={() => crypto.randomUUID()} />;
  return c.html(page(c, c.get('t')('me.title', { name: participant.displayName }), body));
};

/** The pair's page: this week, the progress board, goals, the contract and feedback. */
const pairPage = async (c: Context<LinkEnv>) => {
  const participant = c.get('participant');
  const { cohort } = participant;
  const week = cycleAt(cohort, new Date());
  const partnership = await loadPartnership(c.env.DB, participant);
  const people = [{ id: participant.id, displayName: participant.displayName }, ...partnership.partners];
  const board = progressBoard(
    partnership.checkins,
    partnership.insights.map((i) => ({ participantId: i.participantId, week: i.week, text: i.strategyTitle ? `${i.strategyTitle}${i.insight ? ` — ${i.insight}` : ''}` : i.insight })),
    people.map((p) => p.id),
  );
  const dueOn = addDays(cycleStart(cohort, week + 1), -1);
  c.header('Cache-Control', 'private, no-cache');
  const body = <PairPage participant={participant} token={c.get('token')} week={week} dueOn={dueOn} people={people} partnership={partnership} board={board} inCircle={partnership.circleId !== null} />;
  return c.html(page(c, c.get('t')('pair.title'), body));
};

const historyPage = async (c: Context<LinkEnv>) => {
  const participant = c.get('participant');
  const requested = Number.parseInt(c.req.query('page') ?? '1', 10);
  // Only whether there is a circle to link to: not the whole partnership.
  const [history, inCircle] = await Promise.all([loadHistory(c.env.DB, participant.id, Number.isFinite(requested) ? requested : 1), isInCircle(c.env.DB, participant)]);
  c.header('Cache-Control', 'private, no-cache');
  return c.html(page(c, c.get('t')('history.title'), <HistoryPageView participant={participant} token={c.get('token')} history={history} inCircle={inCircle} />));
};

const circlePage = async (c: Context<LinkEnv>) => {
  const participant = c.get('participant');
  const week = cycleAt(participant.cohort, new Date());
  const circle = await loadCircle(c.env.DB, participant, week);
  if (!circle) fail(404, 'not_found', message('circle.notInCircle'), { page: message('circle.notInCircle.title') });
  c.header('Cache-Control', 'private, no-cache');
  return c.html(page(c, circle.label, <CirclePageView participant={participant} token={c.get('token')} week={week} circle={circle} />));
};

/** The cohort's members-only page: what members shared with the cohort (or publicly), for its members' links only. */
const cohortPage = async (c: Context<LinkEnv>) => {
  const participant = c.get('participant');
  const [moments, inCircle] = await Promise.all([listMembersMoments(c.env.DB, participant.cohortId), isInCircle(c.env.DB, participant)]);
  c.header('Cache-Control', 'private, no-store');
  return c.html(page(c, c.get('t')('cohort.title', { cohort: participant.cohort.name }), <CohortPageView participant={participant} token={c.get('token')} inCircle={inCircle} moments={moments} />));
};

export const me = new Hono<AppEnv>()
  .get('/me', turnstilePage, whilePublished, requireLink, mePage)
  .get('/me/', turnstilePage, whilePublished, requireLink, mePage)
  .get('/me/pair', turnstilePage, requireLink, pairPage)
  .get('/me/history', turnstilePage, requireLink, historyPage)
  .get('/me/circle', requireLink, circlePage)
  .get('/me/cohort', requireLink, cohortPage)
  .get('/me/data.json', requireLink, async (c) => {
    const data = await exportParticipant(c.env.DB, c.get('participant').id);
    return c.body(JSON.stringify(data, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="my-tandem-data.json"',
      'Cache-Control': 'private, no-store',
    });
  })
  // The file to download and the feed a calendar app subscribes to (webcal://, fetched as https):
  // written from the contract and cadence as they are at each request, so a subscription follows
  // their changes. An app ignores Content-Disposition; no-cache has it ask again every time.
  .get('/me/calendar.ics', requireLink, async (c) => {
    const participant = c.get('participant');
    const { cohort } = participant;
    const now = new Date();
    const [my, reminders] = await Promise.all([loadMyWeek(c.env.DB, participant, cycleAt(cohort, now)), getReminderSettings(c.env.DB, participant.id)]);
    const contract = my.contract;
    const ics = buildCalendar({
      uidPrefix: `participant-${participant.id}`,
      cohortName: cohort.name,
      timezone: cohort.timezone,
      startsOn: cohort.startsOn,
      cadenceDays: cohort.cadenceDays,
      cadenceChanges: cohort.cadenceChanges,
      endsOn: cohort.endsOn,
      today: localDate(now, cohort.timezone),
      stamp: now,
      weeksAhead: 12,
      dueAlarmHour: reminders.hour,
      t: c.get('t'),
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
function done(c: Context<ParticipantEnv>, status: 200 | 201, body: Record<string, unknown>, back = '/me/') {
  if (wantsHtml(c)) return c.redirect(`${back}?t=${encodeURIComponent(c.get('token'))}`, 303);
  return c.json(body, status);
}

export const meActions = new Hono<AppEnv>()
  // Withdrawing never stops working while something is published, even after the cohort's links expired.
  .use('/withdrawals', whilePublished)
  .use(countPosts, readBody, refuseHoneypot, requireAuthor, requireParticipant)
  .post('/contract-confirmations', async (c) => {
    const { contract_id, revision } = parseSubmission(c, confirmSchema, '/me/');
    const outcome = await confirmContract(c.env.DB, c.get('participant'), contract_id, revision);
    if (outcome === 'not-found') fail(404, 'not_found', message('contract.error.missing'));
    if (outcome === 'outdated') fail(409, 'conflict', message('contract.error.outdated'));
    return done(c, 200, { confirmed: contract_id });
  })
  .post('/goal-status', async (c) => {
    const input = parseSubmission(c, goalStatusSchema, '/me/');
    const participant = c.get('participant');
    const set = await setGoalStatus(c.env.DB, participant, input.goal_id, input.status, localDate(new Date(), participant.cohort.timezone));
    if (set.outcome === 'missing') fail(404, 'not_found', message('me.error.noGoal'));
    if (set.outcome === 'already') fail(409, 'conflict', message('me.error.goalAlready', { status: set.status }));
    return done(c, 200, { goal_id: input.goal_id, status: input.status });
  })
  .post('/milestones', async (c) => {
    const input = parseSubmission(c, milestoneSchema, '/me/');
    const participant = c.get('participant');
    const stored = await storeMilestone(c.env.DB, participant, cycleAt(participant.cohort, new Date()), input);
    if (!stored) fail(404, 'not_found', message('me.error.noGoal'));
    return done(c, 201, { goal_id: input.goal_id });
  })
  .post('/withdrawals', async (c) => {
    const input = parseSubmission(c, withdrawalSchema, '/me/');
    const participant = c.get('participant');
    if (!(await setConsent(c.env.DB, participant, input.kind, input.id, 'private'))) fail(404, 'not_found', message('me.error.noItem', { kind: input.kind }));
    // After the cohort's links expired, the page opens only while something is published: say so instead of sending them to a 401.
    if (wantsHtml(c) && cohortLinksExpired(participant.cohort, new Date()) && !(await hasPublished(c.env.DB, participant.id))) {
      return messagePage(c, 200, c.get('t')('ended.withdrawn.title'), c.get('t')('ended.withdrawn'));
    }
    return done(c, 200, { kind: input.kind, id: input.id, consent: 'private' });
  })
  .post('/reminders', async (c) => {
    const input = parseSubmission(c, reminderSettingsSchema, '/me/');
    const quiet = input.quiet_from === undefined || input.quiet_until === undefined ? null : { from: input.quiet_from, until: input.quiet_until };
    await saveReminderSettings(c.env.DB, c.get('participant').id, { byMail: input.by_mail, hour: input.remind_hour, timezone: input.timezone || null, quiet });
    return done(c, 200, { by_mail: input.by_mail, remind_hour: input.remind_hour, timezone: input.timezone || null, quiet });
  })
  .post('/consent', async (c) => {
    const input = parseSubmission(c, consentChangeSchema, '/me/');
    if (!(await setConsent(c.env.DB, c.get('participant'), input.kind, input.id, input.consent))) fail(404, 'not_found', message('me.error.noItem', { kind: input.kind }));
    return done(c, 200, { kind: input.kind, id: input.id, consent: input.consent }, '/me/history');
  })
  .post('/congratulations', async (c) => {
    const input = parseSubmission(c, congratulationSchema, '/me/');
    if (!(await congratulate(c.env.DB, c.get('participant'), input.milestone_id))) fail(404, 'not_found', message('pair.error.noMilestone'));
    return done(c, 200, { milestone_id: input.milestone_id }, '/me/pair');
  })
  // Their own language ('' = their cohort's), for their pages, forms and mails from now on.
  .post('/language', async (c) => {
    const chosen = c.get('body').language ?? '';
    if (chosen !== '' && !isLocale(chosen)) fail(400, 'invalid_input', message('language.choose.invalid'), { fields: { language: message('language.choose.invalid.field') } });
    await setOwnLanguage(c.env.DB, c.get('participant').id, chosen === '' ? null : chosen);
    return done(c, 200, { language: chosen === '' ? null : chosen });
  })
  .post('/feedback-ratings', async (c) => {
    const input = parseSubmission(c, ratingSchema, '/me/');
    const outcome = await rateFeedback(c.env.DB, c.get('participant'), input.feedback_id, input.usefulness);
    if (outcome === 'not-found') fail(404, 'not_found', message('me.error.noFeedback'));
    if (outcome === 'already-rated') fail(409, 'conflict', message('me.error.rated'));
    return done(c, 200, { feedback_id: input.feedback_id, usefulness: input.usefulness });
  });
