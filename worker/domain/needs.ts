/** The moments of need a check-in reveals, which the library has guidance for. */

export const NEEDS = ['pause', 'setback'] as const;
export type Need = (typeof NEEDS)[number];

export interface CheckinSignals {
  needs_pause: boolean;
  last_action_done?: 'yes' | 'partly' | 'no' | null;
  obstacles: string;
}

/** A pause request needs the pause guidance; a missed or half-done action, or an obstacle, the setback guidance. */
export function needsOf(checkin: CheckinSignals): Need[] {
  const needs: Need[] = [];
  if (checkin.needs_pause) needs.push('pause');
  if (checkin.last_action_done === 'no' || checkin.last_action_done === 'partly' || checkin.obstacles.trim() !== '') needs.push('setback');
  return needs;
}

/** The needs named in a query parameter like `pause,setback`; anything else is ignored. */
export function parseNeeds(value: string | undefined): Need[] {
  const named = new Set((value ?? '').split(','));
  return NEEDS.filter((need) => named.has(need));
}
