import { describe, expect, it } from 'vitest';
import { progressBoard, type BoardCheckin } from '../../../worker/domain/board.ts';

const checkin = (participantId: number, week: number, committedAction: string, lastActionDone: BoardCheckin['lastActionDone'] = null, decisionReason = ''): BoardCheckin => ({
  participantId,
  week,
  committedAction,
  lastActionDone,
  decisionReason,
});

describe('the progress board', () => {
  it('shows how an action went from the same person’s next check-in, even after a missed week', () => {
    const board = progressBoard([checkin(1, 1, 'Write'), checkin(1, 3, 'Edit', 'partly'), checkin(2, 1, 'Read'), checkin(2, 2, 'Plan', 'yes')], [], [1, 2]);
    expect(board.map((w) => w.week)).toEqual([3, 2, 1]);
    const week1 = board.find((w) => w.week === 1)!;
    expect(week1.entries.map((e) => [e.participantId, e.action, e.outcome, e.reported])).toEqual([
      [1, 'Write', 'partly', true],
      [2, 'Read', 'yes', true],
    ]);
    const week3 = board.find((w) => w.week === 3)!;
    expect(week3.entries[0]).toMatchObject({ action: 'Edit', outcome: null, reported: false });
  });

  it('keeps decisions and insights with the week and person they belong to, in the order asked', () => {
    const board = progressBoard([checkin(7, 2, 'Call', null, 'Mornings are quieter')], [{ participantId: 8, week: 2, text: 'Small steps work' }], [8, 7]);
    expect(board).toEqual([
      {
        week: 2,
        entries: [
          { participantId: 8, action: '', outcome: null, reported: false, decision: '', insights: ['Small steps work'] },
          { participantId: 7, action: 'Call', outcome: null, reported: false, decision: 'Mornings are quieter', insights: [] },
        ],
      },
    ]);
  });
});
