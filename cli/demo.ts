/**
 * `tandem demo`: a realistic synthetic program — one public cohort of 24 mentees in 12 pairs and
 * 4 circles, with a mentor, ten weeks of check-ins and three rounds of reflections, some shared
 * and some private. Deterministic: the same text every time, dated relative to today.
 */
import { countCohorts, deleteCohort, insertCohort } from '../worker/db/cohorts.ts';
import { getParticipant, listLinkRecipients } from '../worker/db/participants.ts';
import { importRoster, type RosterEntry } from '../worker/db/roster.ts';
import { checkinRow, upsertStatement, reflectionRow } from '../worker/db/submissions.ts';
import type { Consent } from '../worker/domain/consent.ts';
import { addDays, cycleStart, localDate } from '../worker/domain/weeks.ts';
import { UsageError } from './commands.ts';
import type { Connection } from '../worker/db/connection.ts';
import { seedPartnership } from './demo-partnership.ts';
import { random } from './random.ts';

export const DEMO_SLUG = 'demo-autumn';
const WEEKS = 10;
const TIMEZONE = 'Europe/London';

export const MENTEES = [
  'Ada', 'Bastian', 'Chioma', 'Dmitri', 'Elif', 'Farah', 'Gus', 'Hana', 'Ines', 'Jonah', 'Kemal', 'Lena',
  'Mateo', 'Noor', 'Oskar', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tove', 'Umar', 'Vera', 'Wen', 'Yusuf',
];

export const GOALS = [
  {
    aim: 'portfolio site',
    steps: ['sketched the page layout', 'wrote the about section', 'published two case studies', 'asked three people for comments on the case studies'],
    wins: ['The portfolio is live, imperfect and out in the world.', 'A recruiter asked about my second case study.', 'Cut the about page from 600 words to 150 and it reads better.'],
  },
  {
    aim: 'data certification',
    steps: ['finished module three', 'did a timed practice exam', 'reviewed the questions I got wrong', 'booked the exam date'],
    wins: ['Scored 78% on a timed practice exam, up from 61%.', 'Finally understood window functions by explaining them to my partner.', 'Booked the exam: no more “someday”.'],
  },
  {
    aim: '10 km run',
    steps: ['ran three times this week', 'did the long run at an easy pace', 'tried the interval session', 'rested properly after a sore knee'],
    wins: ['Ran 8 km without stopping for the first time.', 'Took a rest week when my knee hurt instead of pushing through.', 'Kept all three runs despite the rain.'],
  },
  {
    aim: 'thesis chapter',
    steps: ['wrote 1,500 words of the method section', 'cleaned the survey data', 'sent the outline to my supervisor', 'rewrote the introduction'],
    wins: ['The method section has a complete first draft.', 'My supervisor called the outline “clear” — a first.', 'Wrote every weekday morning for 40 minutes.'],
  },
  {
    aim: 'newsletter launch',
    steps: ['drafted the first issue', 'set up the sign-up page', 'wrote a three-issue plan', 'sent issue one to twelve friends'],
    wins: ['Issue one went out to 41 readers.', 'Two strangers replied to the first issue.', 'Wrote three issues ahead, so a busy week will not break the rhythm.'],
  },
  {
    aim: 'Spanish conversation',
    steps: ['had two thirty-minute conversation sessions', 'learned fifty new words', 'watched an episode without subtitles', 'wrote a short diary entry in Spanish'],
    wins: ['Held a 20-minute conversation without switching to English.', 'Understood a whole podcast episode on the first listen.', 'Ordered dinner and made a joke in Spanish.'],
  },
];

export const OBSTACLES = ['', '', 'A deadline at work ate two evenings.', 'I lost momentum after a bad day on Tuesday.', 'I kept polishing instead of finishing.', 'I was ill for three days.', 'Too many small tasks crowded out the big one.'];
export const GENERAL_WINS = [
  'Finished something I had been avoiding for weeks.',
  'My partner’s question made me cut the plan in half, and the smaller plan worked.',
  'I kept my streak for the whole week.',
  'I asked for help early instead of late.',
  'I said no to a meeting so I could keep my focus block.',
  'First time I felt proud to show the work to someone.',
  'Our circle’s idea of a two-minute start actually worked for me.',
  'Shared the draft publicly at https://example.org/drafts/week and got two useful replies.',
];
/** A committed action reads `${start} ${aim}, before ${deadline}`. */
export const ACTION_STARTS = ['One focused hour on the', 'Twenty minutes a day on the', 'Two short sessions on the'];
export const ACTION_DEADLINES = ['Wednesday', 'Friday', 'the weekend'];
export const CHALLENGES = ['How do I keep going when the work gets boring?', 'I overcommit every week — how do others size their actions?', 'How do I ask for feedback without fishing for compliments?', ''];
export const REASONS = ['I chose the smaller task because a finished small thing beats an unfinished big one.', 'I moved my focus block to the morning because evenings keep getting taken.', ''];
export const WORKING = ['Our fixed Tuesday call: having a set time removed the negotiation.', 'Writing the one action down and saying it aloud to my partner.', 'Small, boring, daily steps.', 'Circle meetings where everyone shares one obstacle.'];
export const NOT_WORKING = ['I plan too much and do too little on busy weeks.', 'We skip the feedback part when time runs short.', 'I check in late on Sundays and rush it.', 'I avoid naming the obstacle because it feels like making excuses.'];
export const WHY = ['I underestimate how long things take, so the plan is always too big.', 'Feedback feels awkward, so we leave it for last and then run out of time.', 'When I am tired I choose comfortable tasks over important ones.'];
export const ASSUMPTIONS = ['I assumed motivation comes before action; it is the other way round.', 'I assumed my partner would be annoyed by a missed action. They were not.', ''];
export const INSIGHTS = [
  'Commit to an action small enough to finish on a bad day.',
  'Saying the obstacle out loud is half of solving it.',
  'A pause agreed in advance is better than silence.',
  'Asking “what would make this easier?” beats asking “why didn’t you?”.',
  'Progress shows up in the weekly log long before it shows up in the result.',
];
export const STRATEGIES = [
  { title: 'Two-minute start', body: 'When you are stuck, commit only to the first two minutes of the task. Set a timer, start, and decide after the timer whether to continue. Most weeks you will.', tags: 'focus, procrastination' },
  { title: 'Obstacle first', body: 'Open every check-in call by naming one obstacle before any progress. It takes the pressure off reporting good news and gets to the useful part faster.', tags: 'check-in, pairs' },
  { title: 'Half-size the action', body: 'If an action was missed twice, halve it rather than repeating it. Keep halving until it gets done, then grow it again.', tags: 'goals, setbacks' },
  { title: 'Feedback sandwich is out, behaviour-impact-next step is in', body: 'Name what you saw, what it did, and one thing to try next. Ask your partner to rate how useful it was so you both learn.', tags: 'feedback' },
];

export function demoRoster(): RosterEntry[] {
  const mentor: RosterEntry = { name: 'Morgan (mentor)', email: 'morgan.mentor@example.org', role: 'mentor', pair: '', circle: '' };
  const mentees = MENTEES.map((name, i): RosterEntry => {
    const pair = Math.floor(i / 2) + 1;
    return { name, email: `${name.toLowerCase()}@example.org`, role: 'mentee', pair: `Pair ${pair}`, circle: `Circle ${'ABCD'[Math.floor((pair - 1) / 3)]}` };
  });
  return [mentor, ...mentees];
}

/** Seeds the demo program; refuses when the database already holds a cohort. */
export async function seedDemo(conn: Connection, now = new Date()): Promise<void> {
  if ((await countCohorts(conn.db)) > 0) throw new UsageError('The database already has cohorts, so the demo was not added. The demo is only seeded into an empty database.');
  const today = localDate(now, TIMEZONE);
  // The cohort started WEEKS full cycles ago: weeks 1–10 have data and week 11 is this week.
  const startsOn = addDays(today, -7 * WEEKS);
  const cohort = await insertCohort(conn.db, { slug: DEMO_SLUG, name: 'Autumn peer cohort (demo)', timezone: TIMEZONE, cadenceDays: 7, startsOn, endsOn: null, publication: 'public', language: 'en' });
  if (!cohort) throw new UsageError(`A cohort “${DEMO_SLUG}” exists already.`);
  try {
    await seedCohort(conn, cohort.id, startsOn);
  } catch (err) {
    // Leave the database empty again, so the next `npm start` seeds from scratch.
    await deleteCohort(conn.db, cohort.id);
    throw err;
  }
}

async function seedCohort(conn: Connection, cohortId: number, startsOn: string): Promise<void> {
  await importRoster(conn.db, cohortId, demoRoster(), startsOn);
  const people = (await listLinkRecipients(conn.db, cohortId)).filter((p) => p.role === 'mentee');

  const rand = random(20261128);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const consent = (shared: number, open: number): Consent => {
    const r = rand();
    return r < open ? 'public' : r < open + shared ? 'cohort' : 'private';
  };
  let checkins = 0;
  let reflections = 0;
  // One batch (one transaction) for the whole program: a round trip per row is the slow part.
  const writes: D1PreparedStatement[] = [];
  for (const [index, person] of people.entries()) {
    const participant = (await getParticipant(conn.db, person.id))!;
    const pair = Math.floor(index / 2) + 1;
    const goal = GOALS[index % GOALS.length]!;
    let lastAction: string | null = null;
    for (let week = 1; week <= WEEKS; week++) {
      // Pair 6 asks for a pause in week 7 and comes back in week 10; pair 11 goes quiet from week 8;
      // pair 3 asks for a pause in week 10.
      const paused = pair === 6 && (week === 8 || week === 9);
      const quiet = pair === 11 && week >= 8;
      if (paused || quiet || rand() > 0.9 - week * 0.01) continue;
      const at = new Date(`${addDays(cycleStart(participant.cohort, week), 4 + Math.floor(rand() * 3))}T18:${String(10 + index).padStart(2, '0')}:00Z`);
      const action: string = `${pick(ACTION_STARTS)} ${goal.aim}, before ${pick(ACTION_DEADLINES)}`;
      writes.push(upsertStatement(conn.db, participant, 'checkins', checkinRow(week, {
        idempotency_key: `demo-checkin-${person.id}-${week}`,
        last_action_done: lastAction ? pick(['yes', 'yes', 'yes', 'partly', 'no'] as const) : undefined,
        progress: `This week I ${pick(goal.steps)} for my ${goal.aim}.`,
        obstacles: pick(OBSTACLES),
        next_step: `Keep going on the ${goal.aim}: ${pick(goal.steps)}.`,
        committed_action: action,
        win: rand() < 0.6 ? (rand() < 0.6 ? pick(goal.wins) : pick(GENERAL_WINS)) : '',
        win_consent: consent(0.3, 0.15),
        challenge: pick(CHALLENGES),
        // Without a draw of its own, so the rest of the demo stays as it was.
        challenge_to_circle: (pair + week) % 3 === 0,
        decision_reason: pick(REASONS),
        energy: 2 + Math.floor(rand() * 4),
        needs_pause: (pair === 6 && week === 7) || (pair === 3 && week === 10),
        carry_forward: false,
      }, at)));
      lastAction = action;
      checkins++;
      if (week % 3 === 0 && rand() < 0.65) {
        const strategy = rand() < 0.35 ? pick(STRATEGIES) : null;
        writes.push(upsertStatement(conn.db, participant, 'reflections', reflectionRow(week, {
          idempotency_key: `demo-reflection-${person.id}-${week}`,
          working: pick(WORKING),
          not_working: pick(NOT_WORKING),
          why: pick(WHY),
          assumption: pick(ASSUMPTIONS),
          insight: pick(INSIGHTS),
          strategy_title: strategy?.title ?? '',
          strategy_body: strategy?.body ?? '',
          strategy_tags: strategy?.tags ?? '',
          // People who write a strategy down mostly want it shared.
          consent: strategy ? consent(0.2, 0.6) : consent(0.3, 0.2),
        }, at)));
        reflections++;
      }
    }
  }
  await conn.db.batch(writes);
  const partnership = await seedPartnership(conn, await Promise.all(people.map(async (p) => (await getParticipant(conn.db, p.id))!)), GOALS, STRATEGIES);
  console.log(`Seeded the demo cohort (${DEMO_SLUG}): ${people.length} mentees, ${checkins} check-ins, ${reflections} reflections, ${partnership}.`);
}
