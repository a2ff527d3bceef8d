/** A participant's own history: every check-in, reflection and goal they wrote, newest first, a page at a time. */
import type { Consent } from '../domain/consent.ts';

/** Items on one page of the history. */
export const HISTORY_PAGE_SIZE = 10;

interface Written {
  id: number;
  week: number;
  submittedAt: string;
}

export interface CheckinItem extends Written {
  kind: 'checkin';
  progress: string;
  obstacles: string;
  nextStep: string;
  committedAction: string;
  lastActionDone: 'yes' | 'partly' | 'no' | null;
  win: string;
  winConsent: Consent;
  challenge: string;
  decisionReason: string;
  energy: number | null;
}

export interface ReflectionItem extends Written {
  kind: 'reflection';
  working: string;
  notWorking: string;
  why: string;
  assumption: string;
  insight: string;
  strategyTitle: string;
  strategyBody: string;
  consent: Consent;
}

export interface GoalItem extends Written {
  kind: 'goal';
  what: string;
  measure: string;
  target: string;
  dueOn: string;
  status: 'active' | 'done' | 'dropped';
  milestones: { id: number; title: string; reachedOn: string; consent: Consent }[];
}

export type HistoryItem = CheckinItem | ReflectionItem | GoalItem;

export interface HistoryPage {
  items: HistoryItem[];
  /** 1-based. */
  page: number;
  pages: number;
}

// Each kind's answers as one JSON object, so one ordered, paged statement reads them all.
const ITEMS = `
SELECT 'checkin' AS kind, id, week, submitted_at, json_object(
  'progress', progress, 'obstacles', obstacles, 'nextStep', next_step, 'committedAction', committed_action, 'lastActionDone', last_action_done,
  'win', win, 'winConsent', win_consent, 'challenge', challenge, 'decisionReason', decision_reason, 'energy', energy) AS answers
FROM checkins WHERE participant_id = ?1
UNION ALL
SELECT 'reflection', id, week, submitted_at, json_object(
  'working', working, 'notWorking', not_working, 'why', why, 'assumption', assumption, 'insight', insight,
  'strategyTitle', strategy_title, 'strategyBody', strategy_body, 'consent', consent)
FROM reflections WHERE participant_id = ?1
UNION ALL
SELECT 'goal', g.id, g.week, g.submitted_at, json_object(
  'what', g.what, 'measure', g.measure, 'target', g.target, 'dueOn', g.due_on, 'status', g.status,
  'milestones', (SELECT json_group_array(json_object('id', m.id, 'title', m.title, 'reachedOn', m.reached_on, 'consent', m.consent))
                 FROM milestones m WHERE m.goal_id = g.id))
FROM goals g WHERE g.participant_id = ?1
ORDER BY 4 DESC, 2 DESC
LIMIT ?2 OFFSET ?3`;

const COUNT = `
SELECT (SELECT COUNT(*) FROM checkins WHERE participant_id = ?1) + (SELECT COUNT(*) FROM reflections WHERE participant_id = ?1)
     + (SELECT COUNT(*) FROM goals WHERE participant_id = ?1) AS n`;

/** Page `page` (1-based) of a participant's history; a page past the end is the last one. */
export async function loadHistory(db: D1Database, participantId: number, page: number): Promise<HistoryPage> {
  const total = (await db.prepare(COUNT).bind(participantId).first<{ n: number }>())?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const shown = Math.min(Math.max(1, page), pages);
  const { results } = await db
    .prepare(ITEMS)
    .bind(participantId, HISTORY_PAGE_SIZE, (shown - 1) * HISTORY_PAGE_SIZE)
    .all<{ kind: HistoryItem['kind']; id: number; week: number; submitted_at: string; answers: string }>();
  const items = results.map((r) => {
    const answers = JSON.parse(r.answers) as Record<string, unknown>;
    if (r.kind === 'goal') answers.milestones = fromJson(answers.milestones);
    return { kind: r.kind, id: r.id, week: r.week, submittedAt: r.submitted_at, ...answers } as HistoryItem;
  });
  return { items, page: shown, pages };
}

/** A JSON value read back from SQLite: a nested json_group_array() arrives as text (its subtype is lost in a subquery). */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
