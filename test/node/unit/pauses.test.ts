import { describe, expect, it } from 'vitest';
import { pausedWeeks } from '../../../worker/domain/pauses.ts';

describe('pausedWeeks', () => {
  it('is empty for a pair that never asked', () => {
    expect([...pausedWeeks([{ week: 1, pause: false }, { week: 3, pause: false }], 5)]).toEqual([]);
  });

  it('pauses the weeks after the request until the pair checks in again', () => {
    const weeks = [{ week: 1, pause: false }, { week: 2, pause: true }, { week: 5, pause: false }];
    expect([...pausedWeeks(weeks, 7)]).toEqual([3, 4]);
  });

  it('stays paused to the last week while nobody comes back', () => {
    expect([...pausedWeeks([{ week: 4, pause: true }], 7)]).toEqual([5, 6, 7]);
  });

  it('extends a pause asked for again', () => {
    const weeks = [{ week: 2, pause: true }, { week: 4, pause: true }];
    expect([...pausedWeeks(weeks, 6)]).toEqual([3, 5, 6]);
  });
});
