/** Who does what each cycle: pair roles and the circle facilitator, rotated deterministically. */

/** A member's part in their pair for one cycle; `member` is the third person of a pair of three. */
export type PairRole = 'observer' | 'reporter' | 'member';

/** A participant of a pair or circle, as far as rotation cares. */
export interface Member {
  /** The participant's id; rotation order is by id, never by input order. */
  id: number;
  /** The first cycle (1-based) the participant takes part in. */
  joinedCycle: number;
}

/*
 * The rotation formula. The members present in cycle c (joinedCycle <= c) are sorted by id into
 * present[0..n-1], and the rotation starts at offset (c - 1) mod n. In a pair the member at that
 * offset observes, the next one (wrapping) reports and any others are `member`s, so two partners
 * swap every cycle and three take each role once every three cycles. In a circle the member at that
 * offset facilitates; if they are paused, the next unpaused one in id order (wrapping) takes over.
 * Nothing depends on earlier cycles, so a pause never shifts anyone else's later turns, and with a
 * fixed membership every N consecutive cycles visit each of the N members once.
 */

/** The members present in a cycle, in rotation (id) order. */
function presentIn(members: readonly Member[], cycle: number): number[] {
  if (!Number.isInteger(cycle) || cycle < 1) throw new RangeError(`cycle must be a whole number from 1, got ${cycle}`);
  return members
    .filter((m) => m.joinedCycle <= cycle)
    .map((m) => m.id)
    .sort((a, b) => a - b);
}

/** Each present pair member's role in a cycle; empty when fewer than two are present. */
export function pairRoles(members: readonly Member[], cycle: number): Map<number, PairRole> {
  const present = presentIn(members, cycle);
  const roles = new Map<number, PairRole>();
  // A lone member has nobody to observe or report to.
  if (present.length < 2) return roles;
  const start = (cycle - 1) % present.length;
  for (let k = 0; k < present.length; k++) {
    roles.set(present[(start + k) % present.length], k === 0 ? 'observer' : k === 1 ? 'reporter' : 'member');
  }
  return roles;
}

/** The id of the circle member who facilitates a cycle, or null when nobody present is unpaused. */
export function circleFacilitator(members: readonly Member[], cycle: number, paused: ReadonlySet<number>): number | null {
  const present = presentIn(members, cycle);
  const start = (cycle - 1) % Math.max(present.length, 1);
  for (let k = 0; k < present.length; k++) {
    const id = present[(start + k) % present.length];
    if (!paused.has(id)) return id;
  }
  return null;
}
