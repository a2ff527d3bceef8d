/**
 * Rules the SQL of several queries shares, each written once: which consent lets text onto which
 * pages. Fragments are plain SQL text built from the domain's vocabularies.
 */
import { COHORT_PAGE_CONSENT, PUBLIC_PAGE_CONSENT } from '../domain/consent.ts';

/** A list of SQL string literals for `IN`, e.g. ('cohort', 'public'). */
export function sqlList(values: readonly string[]): string {
  return `(${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`;
}

/** Text whose consent (in `column`) lets it onto its cohort's pages. */
export const onCohortPages = (column: string) => `${column} IN ${sqlList(COHORT_PAGE_CONSENT)}`;

/** Text whose consent (in `column`) lets it onto public pages: the library and public reports. */
export const onPublicPages = (column: string) => `${column} IN ${sqlList(PUBLIC_PAGE_CONSENT)}`;
