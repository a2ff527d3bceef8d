/**
 * Words for the synthetic program: the demo's goals and strategies, plus sentence pools combined
 * into answers of realistic length (a line for short fields, a few sentences for the long ones).
 */
import {
  ACTION_DEADLINES,
  ACTION_STARTS,
  ASSUMPTIONS as DEMO_ASSUMPTIONS,
  CHALLENGES as DEMO_CHALLENGES,
  GENERAL_WINS as WINS,
  GOALS,
  INSIGHTS,
  MENTEES,
  NOT_WORKING,
  OBSTACLES as DEMO_OBSTACLES,
  REASONS as DEMO_REASONS,
  STRATEGIES,
  WHY,
  WORKING,
} from '../cli/demo.ts';
import { CHANNELS, FEEDBACK } from '../cli/demo-partnership.ts';

export { ACTION_DEADLINES, ACTION_STARTS, CHANNELS, FEEDBACK, GOALS, STRATEGIES };

// The demo's names, phrases and lists, with a few more of the bench's own where a bigger program
// needs more variety; none of the demo's is copied here.
const FIRST_NAMES = [...MENTEES, 'Zara', 'Aiko', 'Bruno', 'Cleo', 'Dario', 'Esme'];
const THEMES = ['Research writing', 'Career change', 'Data skills', 'Founders', 'Health habits', 'Language exchange', 'Open source', 'Thesis'];
const SEASONS = ['spring', 'summer', 'autumn', 'winter'];
export const TIMEZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Sao_Paulo', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney'];

const DETAILS = [
  'It took longer than I planned, but the second half went faster once I had a clear outline.',
  'My partner asked what the smallest useful version would be, and that changed how I started.',
  'I worked in two short blocks before breakfast, which suited me better than the evenings.',
  'I noticed that I avoid the hard part by tidying up around it.',
  'Writing the plan down on Monday made it much easier to say no to other things.',
  'The circle meeting helped: hearing that others got stuck in the same place made it feel normal.',
  'I tried the two-minute start twice and both times kept going for half an hour.',
  'Next time I want to check the scope with my partner before I commit to it.',
];
// The demo's lists, without the empty answers it uses to leave a field blank (maybe() does that here).
const [CHALLENGES, REASONS, ASSUMPTIONS, DEMO_OBSTACLES_SAID] = [DEMO_CHALLENGES, DEMO_REASONS, DEMO_ASSUMPTIONS, DEMO_OBSTACLES].map((list) => list.filter((text) => text !== ''));
const OBSTACLES = [...DEMO_OBSTACLES_SAID!, 'Family visited over the weekend, which I had not planned around.', 'I underestimated how long the setup would take.'];

export type Rand = () => number;

/** Text helpers over one seeded random source. */
export function texts(rand: Rand) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const maybe = (p: number, text: () => string): string => (rand() < p ? text() : '');
  /** A first sentence and up to `extra` more, so long fields vary from one line to a paragraph. */
  const paragraph = (first: string, extra: number): string => [first, ...Array.from({ length: Math.floor(rand() * (extra + 1)) }, () => pick(DETAILS))].join(' ');
  return {
    pick,
    maybe,
    paragraph,
    person: (i: number) => `${FIRST_NAMES[i % FIRST_NAMES.length]} ${String.fromCharCode(65 + Math.floor(i / FIRST_NAMES.length) % 26)}.`,
    cohortName: (n: number) => `${pick(THEMES)} cohort ${n} (${pick(SEASONS)})`,
    obstacle: () => maybe(0.45, () => paragraph(pick(OBSTACLES), 1)),
    win: (goal: (typeof GOALS)[number]) => maybe(0.6, () => (rand() < 0.6 ? pick(goal.wins) : pick(WINS))),
    challenge: () => maybe(0.5, () => pick(CHALLENGES)),
    reason: () => maybe(0.4, () => pick(REASONS)),
    working: () => paragraph(pick(WORKING), 2),
    notWorking: () => paragraph(pick(NOT_WORKING), 1),
    why: () => paragraph(pick(WHY), 2),
    assumption: () => maybe(0.7, () => pick(ASSUMPTIONS)),
    insight: () => maybe(0.85, () => pick(INSIGHTS)),
  };
}
