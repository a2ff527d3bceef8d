import { describe, expect, it } from 'vitest';
import { circleFacilitator, pairRoles, type Member } from '../../../worker/domain/roles.ts';

/** Members who all take part from cycle 1. */
function fromStart(...ids: number[]): Member[] {
  return ids.map((id) => ({ id, joinedCycle: 1 }));
}

const NOBODY_PAUSED = () => false;
/** Pauses by cycle: { cycle: [ids] }. */
const pausedIn = (byCycle: Record<number, number[]>) => (id: number, cycle: number) => byCycle[cycle]?.includes(id) ?? false;

describe('pairRoles', () => {
  it('swaps observer and reporter every cycle', () => {
    const pair = fromStart(10, 20);
    expect(pairRoles(pair, 1)).toEqual(new Map([[10, 'observer'], [20, 'reporter']]));
    expect(pairRoles(pair, 2)).toEqual(new Map([[10, 'reporter'], [20, 'observer']]));
    expect(pairRoles(pair, 3)).toEqual(new Map([[10, 'observer'], [20, 'reporter']]));
    expect(pairRoles(pair, 4)).toEqual(new Map([[10, 'reporter'], [20, 'observer']]));
  });

  it('gives each member of a pair of three each role once over three cycles', () => {
    const trio = fromStart(1, 2, 3);
    expect(pairRoles(trio, 1)).toEqual(new Map([[1, 'observer'], [2, 'reporter'], [3, 'member']]));
    expect(pairRoles(trio, 2)).toEqual(new Map([[1, 'member'], [2, 'observer'], [3, 'reporter']]));
    expect(pairRoles(trio, 3)).toEqual(new Map([[1, 'reporter'], [2, 'member'], [3, 'observer']]));
  });

  it('gives a late joiner no role before their first cycle, and keeps the swap going when they join', () => {
    const members = [...fromStart(1, 2), { id: 3, joinedCycle: 3 }];
    expect(pairRoles(members, 1)).toEqual(new Map([[1, 'observer'], [2, 'reporter']]));
    expect(pairRoles(members, 2)).toEqual(new Map([[1, 'reporter'], [2, 'observer']]));
    // Observer passes from 2 to the next in line, the newcomer 3.
    expect(pairRoles(members, 3)).toEqual(new Map([[1, 'reporter'], [2, 'member'], [3, 'observer']]));
    expect(pairRoles(members, 4)).toEqual(new Map([[1, 'observer'], [2, 'reporter'], [3, 'member']]));
    expect(pairRoles(members, 5)).toEqual(new Map([[1, 'member'], [2, 'observer'], [3, 'reporter']]));
  });

  it('never keeps the same observer two cycles running when a third member joins mid-rotation', () => {
    const members = [...fromStart(1, 2), { id: 3, joinedCycle: 4 }];
    const observers = [1, 2, 3, 4, 5, 6].map((cycle) => [...pairRoles(members, cycle)].find(([, role]) => role === 'observer')![0]);
    expect(observers).toEqual([1, 2, 1, 2, 3, 1]);
  });

  it('gives no roles while only one member is present', () => {
    const members = [{ id: 1, joinedCycle: 1 }, { id: 2, joinedCycle: 4 }];
    expect(pairRoles(members, 1).size).toBe(0);
    expect(pairRoles(members, 3).size).toBe(0);
    // 1 held the turn in cycles 1–3 alone; it passes on to 2 when 2 arrives.
    expect(pairRoles(members, 4)).toEqual(new Map([[1, 'reporter'], [2, 'observer']]));
    expect(pairRoles(fromStart(7), 1).size).toBe(0);
    expect(pairRoles([], 1).size).toBe(0);
  });

  it('does not depend on the order the members are given in', () => {
    const shuffled = [{ id: 30, joinedCycle: 1 }, { id: 10, joinedCycle: 1 }, { id: 20, joinedCycle: 1 }];
    expect(pairRoles(shuffled, 1)).toEqual(new Map([[10, 'observer'], [20, 'reporter'], [30, 'member']]));
    expect(pairRoles(shuffled, 2)).toEqual(new Map([[10, 'member'], [20, 'observer'], [30, 'reporter']]));
  });

  it('rejects a cycle that is not a whole number from 1', () => {
    expect(() => pairRoles(fromStart(1, 2), 0)).toThrow(RangeError);
    expect(() => pairRoles(fromStart(1, 2), 1.5)).toThrow(RangeError);
  });
});

describe('circleFacilitator', () => {
  const circle = fromStart(1, 2, 3, 4);

  it('rotates through a four-member circle, each facilitating twice in eight cycles', () => {
    const facilitators = [1, 2, 3, 4, 5, 6, 7, 8].map((cycle) => circleFacilitator(circle, cycle, NOBODY_PAUSED));
    expect(facilitators).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
  });

  it('skips a paused member without giving anyone two turns in a row', () => {
    const paused = pausedIn({ 2: [2] });
    const facilitators = [1, 2, 3, 4, 5].map((cycle) => circleFacilitator(circle, cycle, paused));
    expect(facilitators).toEqual([1, 3, 4, 1, 2]);
  });

  it('wraps to the first in order when the last is paused', () => {
    expect([1, 2, 3, 4].map((cycle) => circleFacilitator(circle, cycle, pausedIn({ 4: [4] })))).toEqual([1, 2, 3, 1]);
  });

  it('ignores pauses of members whose turn it is not', () => {
    expect(circleFacilitator(circle, 1, pausedIn({ 1: [3, 4, 99] }))).toBe(1);
  });

  it('has no facilitator when everyone is paused or nobody has joined, and picks up after', () => {
    const allPaused = pausedIn({ 2: [1, 2, 3, 4] });
    expect(circleFacilitator(circle, 2, allPaused)).toBeNull();
    expect(circleFacilitator(circle, 3, allPaused)).toBe(2);
    expect(circleFacilitator([{ id: 1, joinedCycle: 3 }], 2, NOBODY_PAUSED)).toBeNull();
    expect(circleFacilitator([], 1, NOBODY_PAUSED)).toBeNull();
  });

  it('brings a late joiner into the rotation from their joined cycle', () => {
    const members = [...fromStart(1, 2, 3), { id: 4, joinedCycle: 6 }];
    const facilitators = [1, 2, 3, 4, 5, 6, 7, 8].map((cycle) => circleFacilitator(members, cycle, NOBODY_PAUSED));
    expect(facilitators).toEqual([1, 2, 3, 1, 2, 3, 4, 1]);
    // A joiner is never picked before they join, even when everyone present is paused.
    expect(circleFacilitator(members, 3, pausedIn({ 3: [1, 2, 3] }))).toBeNull();
  });

  it('does not depend on the order the members are given in', () => {
    const shuffled = fromStart(40, 10, 30, 20);
    const facilitators = [1, 2, 3, 4].map((cycle) => circleFacilitator(shuffled, cycle, NOBODY_PAUSED));
    expect(facilitators).toEqual([10, 20, 30, 40]);
  });

  it('lets each of N members facilitate exactly once in any N consecutive cycles', () => {
    for (const ids of [[5, 9], [3, 1, 2], [8, 2, 6, 4, 10], [11, 12, 13, 14, 15, 16, 17]]) {
      const members = fromStart(...ids);
      for (let first = 1; first <= 3 * ids.length; first++) {
        const window = ids.map((_, k) => circleFacilitator(members, first + k, NOBODY_PAUSED));
        expect(window.toSorted((a, b) => a! - b!)).toEqual(ids.toSorted((a, b) => a - b));
      }
    }
  });
});
