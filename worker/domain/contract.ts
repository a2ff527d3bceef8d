/** The contract agreement rule. */

/**
 * A contract version is agreed when every current member of the pair has confirmed that very
 * version (the proposer confirms by submitting it). A pair of one cannot agree anything.
 */
export function isAgreed(pairMemberIds: readonly number[], confirmedBy: readonly number[]): boolean {
  const confirmed = new Set(confirmedBy);
  return pairMemberIds.length >= 2 && pairMemberIds.every((id) => confirmed.has(id));
}
