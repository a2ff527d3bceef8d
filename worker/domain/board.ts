/**
 * The pair's progress board: week by week, what each partner committed to and how it went, the
 * reasons behind their decisions and what they learned — actions and decisions, not only outcomes.
 */

export type Outcome = 'yes' | 'partly' | 'no';

/** What the board reads of a check-in (the latest of a person's week). */
export interface BoardCheckin {
  participantId: number;
  week: number;
  committedAction: string;
  /** How the action of this person's check-in before this one went. */
  lastActionDone: Outcome | null;
  decisionReason: string;
}

export interface BoardInsight {
  participantId: number;
  week: number;
  text: string;
}

export interface BoardEntry {
  participantId: number;
  action: string;
  /** How the action went, as told in the person's next check-in; null while it is not due yet or was not said. */
  outcome: Outcome | null;
  /** Whether a later check-in exists (so a null outcome means "not said", not "not due"). */
  reported: boolean;
  decision: string;
  insights: string[];
}

export interface BoardWeek {
  week: number;
  entries: BoardEntry[];
}

/** The board from check-ins and insights, newest week first; each week lists people in `order`. */
export function progressBoard(checkins: readonly BoardCheckin[], insights: readonly BoardInsight[], order: readonly number[]): BoardWeek[] {
  const byPerson = Map.groupBy([...checkins].sort((a, b) => a.week - b.week), (c) => c.participantId);
  const entries = new Map<string, BoardEntry>();
  const key = (participantId: number, week: number) => `${participantId}:${week}`;
  const entry = (participantId: number, week: number): BoardEntry => {
    let found = entries.get(key(participantId, week));
    if (!found) {
      found = { participantId, action: '', outcome: null, reported: false, decision: '', insights: [] };
      entries.set(key(participantId, week), found);
    }
    return found;
  };
  for (const [participantId, own] of byPerson) {
    own.forEach((c, i) => {
      const next = own[i + 1];
      Object.assign(entry(participantId, c.week), { action: c.committedAction, decision: c.decisionReason, outcome: next?.lastActionDone ?? null, reported: next !== undefined });
    });
  }
  for (const i of insights) entry(i.participantId, i.week).insights.push(i.text);

  const weeks = [...new Set([...entries.keys()].map((k) => Number(k.split(':')[1])))].sort((a, b) => b - a);
  const rank = (id: number) => (order.includes(id) ? order.indexOf(id) : order.length + id);
  return weeks.map((week) => ({
    week,
    entries: [...entries.entries()]
      .filter(([k]) => Number(k.split(':')[1]) === week)
      .map(([, e]) => e)
      .sort((a, b) => rank(a.participantId) - rank(b.participantId)),
  }));
}
