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

/** Whether a member sits a cycle out (their pair is paused). */
export type Skip = (id: number, cycle: number) => boolean;

/*
 * The rotation. A turn (observing in a pair, facilitating in a circle) passes each cycle to the
 * next member in id order after the one who had it last cycle, wrapping round, among the members
 * present that cycle (joined, and for a circle not paused). Cycle 1 starts with the lowest id.
 * Walking the cycles from the start keeps the order fair when people join late or pause: nobody
 * takes two turns in a row while others wait, and a newcomer simply takes their place in line.
 */
function turnHolder(members: readonly Member[], cycle: number, skip: Skip): number | null {
  if (!Number.isInteger(cycle) || cycle < 1) throw new RangeError(`cycle must be a whole number from 1, got ${cycle}`);
  let last: number | null = null;
  let holder: number | null = null;
  for (let c = 1; c <= cycle; c++) {
    const candidates = presentIn(members, c).filter((id) => !skip(id, c));
    holder = candidates.length === 0 ? null : (candidates.find((id) => last === null || id > last) ?? candidates[0]!);
    if (holder !== null) last = holder;
  }
  return holder;
}

/** The members present in a cycle, in rotation (id) order. */
function presentIn(members: readonly Member[], cycle: number): number[] {
  return members
    .filter((m) => m.joinedCycle <= cycle)
    .map((m) => m.id)
    .sort((a, b) => a - b);
}

/**
 * Each present pair member's role in a cycle: the observer by the rotation, the reporter next in
 * order, anyone else a `member`; empty when fewer than two are present.
 */
export function pairRoles(members: readonly Member[], cycle: number): Map<number, PairRole> {
  const observer = turnHolder(members, cycle, () => false);
  const present = presentIn(members, cycle);
  const roles = new Map<number, PairRole>();
  if (observer === null || present.length < 2) return roles;
  const start = present.indexOf(observer);
  present.forEach((_, k) => roles.set(present[(start + k) % present.length]!, k === 0 ? 'observer' : k === 1 ? 'reporter' : 'member'));
  return roles;
}

/** The id of the circle member who facilitates a cycle, or null when nobody present is unpaused. */
export function circleFacilitator(members: readonly Member[], cycle: number, paused: Skip): number | null {
  return turnHolder(members, cycle, paused);
}
