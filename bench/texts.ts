/**
 * Words for the synthetic program: the demo's goals and strategies, plus sentence pools combined
 * into answers of realistic length (a line for short fields, a few sentences for the long ones).
 */
import { GOALS, STRATEGIES } from '../cli/demo.ts';

export { GOALS, STRATEGIES };

const FIRST_NAMES = [
  'Ada', 'Bastian', 'Chioma', 'Dmitri', 'Elif', 'Farah', 'Gus', 'Hana', 'Ines', 'Jonah', 'Kemal', 'Lena', 'Mateo', 'Noor', 'Oskar',
  'Priya', 'Quinn', 'Rosa', 'Sami', 'Tove', 'Umar', 'Vera', 'Wen', 'Yusuf', 'Zara', 'Aiko', 'Bruno', 'Cleo', 'Dario', 'Esme',
];
const THEMES = ['Research writing', 'Career change', 'Data skills', 'Founders', 'Health habits', 'Language exchange', 'Open source', 'Thesis'];
const SEASONS = ['spring', 'summer', 'autumn', 'winter'];
export const TIMEZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Sao_Paulo', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney'];

const OBSTACLES = [
  'A deadline at work ate two evenings.',
  'I lost momentum after a bad day on Tuesday and did not pick it up again until Friday.',
  'I kept polishing instead of finishing.',
  'I was ill for three days.',
  'Too many small tasks crowded out the big one.',
  'Family visited over the weekend, which I had not planned around.',
  'I underestimated how long the setup would take.',
];
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
const WINS = [
  'Finished something I had been avoiding for weeks.',
  'My partner’s question made me cut the plan in half, and the smaller plan worked.',
  'I kept my streak for the whole week.',
  'I asked for help early instead of late.',
  'I said no to a meeting so I could keep my focus block.',
  'First time I felt proud to show the work to someone.',
];
const CHALLENGES = ['How do I keep going when the work gets boring?', 'I overcommit every week — how do others size their actions?', 'How do I ask for feedback without fishing for compliments?'];
const REASONS = ['I chose the smaller task because a finished small thing beats an unfinished big one.', 'I moved my focus block to the morning because evenings keep getting taken.', 'I dropped the side project for now so the main goal gets my best hours.'];
const WORKING = ['Our fixed Tuesday call: having a set time removed the negotiation.', 'Writing the one action down and saying it aloud to my partner.', 'Small, boring, daily steps.', 'Circle meetings where everyone shares one obstacle.'];
const NOT_WORKING = ['I plan too much and do too little on busy weeks.', 'We skip the feedback part when time runs short.', 'I check in late on Sundays and rush it.', 'I avoid naming the obstacle because it feels like making excuses.'];
const WHY = ['I underestimate how long things take, so the plan is always too big.', 'Feedback feels awkward, so we leave it for last and then run out of time.', 'When I am tired I choose comfortable tasks over important ones.'];
const ASSUMPTIONS = ['I assumed motivation comes before action; it is the other way round.', 'I assumed my partner would be annoyed by a missed action. They were not.', 'I assumed I needed a free afternoon to start; twenty minutes was enough.'];
const INSIGHTS = [
  'Commit to an action small enough to finish on a bad day.',
  'Saying the obstacle out loud is half of solving it.',
  'A pause agreed in advance is better than silence.',
  'Asking “what would make this easier?” beats asking “why didn’t you?”.',
  'Progress shows up in the weekly log long before it shows up in the result.',
];
export const FEEDBACK = [
  { behaviour: 'You named your obstacle before your progress.', impact: 'We got to the useful part in five minutes.', next_step: 'Try naming the smallest next step too.' },
  { behaviour: 'You wrote your action down while we talked.', impact: 'I could ask about it precisely the next week.', next_step: 'Send it to me in a message so we both have it.' },
  { behaviour: 'You said “I don’t know yet” instead of guessing.', impact: 'It made it easier for me to be honest as well.', next_step: 'Keep doing that, and ask me what would help.' },
  { behaviour: 'You cut your plan in half when the week got busy.', impact: 'You finished it instead of carrying it over again.', next_step: 'Decide the smaller version at the start of the week.' },
];

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
