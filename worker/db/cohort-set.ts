/**
 * Reads of several cohorts at once. A statement that reads rows of one kind for a set of cohorts
 * filters its cohort_id column with `inCohorts` (?1 from `cohortsParam`), selects cohort_id first
 * and orders by it; `rowsByCohort` splits the rows again. Each statement costs a call whatever its
 * SQL (about 0.1 ms in workerd), and the build's read asked one per cohort and kind: 7 × 181 at 4×.
 * Reads are paired with their statements (`BatchRead`), so several share one db.batch().
 */

/** Statements for a caller's db.batch() and how to read their results. */
export interface BatchRead<T> {
  statements: D1PreparedStatement[];
  read(results: D1Result[]): T;
}

/** Runs a read in one round trip. */
export async function runRead<T>(db: D1Database, read: BatchRead<T>): Promise<T> {
  return read.read(await db.batch(read.statements));
}

/**
 * A filter on `column` for the cohorts `ids`, with ?1 = cohortsParam(ids). One cohort is asked by
 * its id: with a JSON list SQLite cannot tell the list is short, and for one cohort it chose an
 * index that read every cohort's published milestones.
 */
export function inCohorts(column: string, ids: readonly number[]): string {
  return ids.length === 1 ? `${column} = ?1` : `${column} IN (SELECT value FROM json_each(?1))`;
}

/** ?1 for `inCohorts`: the id of one cohort, or a JSON array of several. */
export function cohortsParam(ids: readonly number[]): number | string {
  return ids.length === 1 ? ids[0]! : JSON.stringify(ids);
}

/** Rows that start with their cohort_id, split by cohort in the order of `ids` (a cohort without rows gets none). */
export function rowsByCohort<T extends { cohort_id: number }>(ids: readonly number[], rows: T[]): T[][] {
  const groups = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(row.cohort_id)!.push(row);
  return ids.map((id) => groups.get(id)!);
}
