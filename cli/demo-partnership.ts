/**
 * The demo's partnership data: contracts (most agreed, one renegotiated, two waiting), goals with
 * milestones (a third done, six recalibrated), peer feedback (mostly rated), monthly pulses (a few
 * people's dropping), and a little program feedback. Written through the same functions as the Worker.
 */
import { confirmContract, storeContract } from '../worker/db/contracts.ts';
import { rateFeedback, storeFeedback } from '../worker/db/feedback.ts';
import { setGoalStatus, storeGoal, storeMilestone } from '../worker/db/goals.ts';
import type { Participant } from '../worker/db/participants.ts';
import { storeProgramFeedback, storePulse } from '../worker/db/pulses.ts';
import { expectStored, storeReflection } from '../worker/db/submissions.ts';
import { addDays, cycleStart } from '../worker/domain/weeks.ts';
import { DEFAULT_DIALOGUE_FORMAT } from '../worker/forms/contract.ts';
import type { Connection } from '../worker/db/connection.ts';
import { random } from './random.ts';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday'] as const;
export const CHANNELS = ['Video call; the reporter sends the link', 'Phone call', 'Café near the library', 'Video call, cameras on'];
export const FEEDBACK = [
  { behaviour: 'You named your obstacle before your progress.', impact: 'We got to the useful part in five minutes.', next_step: 'Try naming the smallest next step too.' },
  { behaviour: 'You wrote your action down while we talked.', impact: 'I could ask about it precisely the next week.', next_step: 'Send it to me in a message so we both have it.' },
  { behaviour: 'You said “I don’t know yet” instead of guessing.', impact: 'It made it easier for me to be honest as well.', next_step: 'Keep doing that, and ask me what would help.' },
  { behaviour: 'You cut your plan in half when the week got busy.', impact: 'You finished it instead of carrying it over again.', next_step: 'Decide the smaller version at the start of the week.' },
];

export async function seedPartnership(
  conn: Connection,
  mentees: Participant[],
  goals: readonly { aim: string }[],
  strategies: readonly { title: string; body: string; tags: string }[],
): Promise<string> {
  const { db } = conn;
  const rand = random(42);
  const pairs = [...Map.groupBy(mentees, (m) => m.pairId!).values()];
  const calendar = mentees[0]!.cohort;
  const dayOf = (week: number) => addDays(cycleStart(calendar, week), 2);
  const counts = { contracts: 0, goals: 0, feedback: 0, pulses: 0 };

  for (const [i, pair] of pairs.entries()) {
    const [first, second] = pair as [Participant, Participant];
    const terms = {
      purpose: `Help each other finish what we started this autumn: ${goals[(i * 2) % goals.length]!.aim} and ${goals[(i * 2 + 1) % goals.length]!.aim}.`,
      cadence_days: '7' as const,
      meeting_day: DAYS[i % DAYS.length]!,
      meeting_time: ['18:30', '08:00', '12:30'][i % 3]!,
      channel: CHANNELS[i % CHANNELS.length]!,
      boundaries: 'No messages after 21:00; what we say about work stays between us.',
      success_measure: 'Eight of ten check-ins held, and both goals reached or consciously recalibrated.',
      contributions: `${first.displayName}: structure and deadlines. ${second.displayName}: encouragement and honest questions.`,
      dialogue_format: DEFAULT_DIALOGUE_FORMAT,
      // A few pairs are due to look at their contract again; the rest in week 14.
      renegotiate_on: dayOf(i % 4 === 0 ? 6 : 14),
      // Every third pair turned on its escalation ladder: the partner after one missed check-in, the mentor after two.
      ...(i % 3 === 0 ? { escalate_partner_after: '1' as const, escalate_mentor_after: '2' as const } : {}),
    };
    const v1 = expectStored(await storeContract(db, first, 1, { idempotency_key: `demo-contract-${i}-1`, ...terms }));
    counts.contracts++;
    // Pairs 4 and 9 have not confirmed yet; pair 2 renegotiated in week 6.
    if (i !== 3 && i !== 8) await confirmContract(db, second, v1.id, 1);
    if (i === 1) {
      const v2 = expectStored(await storeContract(db, second, 6, { idempotency_key: `demo-contract-${i}-2`, ...terms, meeting_day: 'friday', renegotiate_on: dayOf(12) }));
      await confirmContract(db, first, v2.id, 1);
      counts.contracts++;
    }
  }

  for (const [i, mentee] of mentees.entries()) {
    const aim = goals[(i + Math.floor(i / 6)) % goals.length]!.aim;
    const goal = expectStored(await storeGoal(db, mentee, 2, { idempotency_key: `demo-goal-${i}`, what: `Make real progress on my ${aim}`, measure: 'sessions of focused work', target: '12 sessions', due_on: dayOf(8), replaces_goal_id: undefined }));
    counts.goals++;
    await storeMilestone(db, mentee, 4, { idempotency_key: `demo-milestone-${i}-1`, goal_id: goal.id, title: 'First six sessions done', reached_on: dayOf(4), consent: 'private' });
    if (i % 3 === 0) {
      // Those who reach their goal share it as a success story, and tell how in a public reflection.
      const strategy = strategies[(i / 3) % strategies.length]!;
      await storeReflection(db, mentee, 7, {
        idempotency_key: `demo-story-reflection-${i}`,
        working: `Sticking to “${strategy.title}” every week.`,
        not_working: 'Planning more than I can do on busy weeks.',
        why: 'Small, fixed habits survive busy weeks; big plans do not.',
        assumption: '',
        insight: `${strategy.title} turned my ${aim} from a wish into a habit.`,
        strategy_title: strategy.title,
        strategy_body: strategy.body,
        strategy_tags: strategy.tags,
        consent: 'public',
      });
      await storeMilestone(db, mentee, 8, { idempotency_key: `demo-milestone-${i}-2`, goal_id: goal.id, title: `Twelve focused sessions on my ${aim}: goal reached`, reached_on: dayOf(8), consent: 'public' });
      await setGoalStatus(db, mentee, goal.id, 'done', dayOf(8));
    } else if (i === 10 || i === 11 || (i % 3 === 1 && i < 15)) {
      // Pair 6 paused in week 7 and came back with smaller goals; a few others resized theirs too.
      await storeGoal(db, mentee, i === 10 || i === 11 ? 10 : 6, { idempotency_key: `demo-goal-${i}-b`, what: `Restart my ${aim} gently`, measure: 'sessions of focused work', target: '4 sessions', due_on: dayOf(13), replaces_goal_id: goal.id });
      counts.goals++;
    }
  }

  for (const week of [3, 6, 9]) {
    for (const [i, pair] of pairs.entries()) {
      if (i === 10 && week === 9) continue; // pair 11 went quiet
      const [giver, receiver] = week === 6 ? [pair[1]!, pair[0]!] : [pair[0]!, pair[1]!];
      const sent = expectStored(await storeFeedback(db, giver, week, { idempotency_key: `demo-feedback-${week}-${i}`, receiver_id: receiver.id, ...FEEDBACK[(i + week) % FEEDBACK.length]! }));
      counts.feedback++;
      // Rated a few days after it was given, as it would have been.
      if (rand() < 0.75) await rateFeedback(db, receiver, sent.id, 3 + Math.floor(rand() * 3), new Date(`${dayOf(week + 1)}T12:00:00Z`));
    }
  }

  for (const week of [4, 8]) {
    for (const [i, mentee] of mentees.entries()) {
      const pair = Math.floor(i / 2);
      if (rand() > 0.85) continue;
      // Pair 11's pulse drops before it goes quiet; pair 5's falls from high to middling while it keeps going.
      const low = (pair === 10 && week === 8) || (pair === 4 && week === 8);
      const high = pair === 4 && week === 4;
      const score = () => (low ? 2 + (pair === 4 ? 1 : 0) : high ? 5 : 3 + Math.floor(rand() * 3));
      await storePulse(db, mentee, week, { idempotency_key: `demo-pulse-${week}-${i}`, trust: score(), safety: score(), feedback_ease: score(), adaptability: score(), comment: '' });
      counts.pulses++;
    }
  }

  for (const [i, mentee] of mentees.slice(0, 8).entries()) {
    await storeProgramFeedback(db, mentee, 9, {
      idempotency_key: `demo-program-${i}`,
      cadence_fit: (['about-right', 'about-right', 'too-often'] as const)[i % 3]!,
      tools: 'The check-in form is quick; the library templates helped our first meetings.',
      expectations: i % 2 ? 'Clear.' : 'The reflection every three weeks felt like a lot in exam season.',
      suggestion: i % 2 ? 'Fortnightly circles.' : '',
    });
  }
  return `${counts.contracts} contracts, ${counts.goals} goals, ${counts.feedback} pieces of feedback, ${counts.pulses} pulses`;
}
