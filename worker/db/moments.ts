/**
 * A cohort's shared moments: wins, insights, strategies and milestones its members shared, by week,
 * under display names and scrubbed of e-mail addresses, phone numbers and links. Read two ways:
 * what may be built (consent `public`: the story page) and what its members read (consent `cohort`
 * or `public`: the members-only page the Worker renders, /me/cohort).
 */
import type { MomentKind, SharedConsent } from '../domain/consent.ts';
import { scrubText } from '../domain/redact.ts';
import { cohortsParam, inCohorts } from './cohort-set.ts';
import { PUBLISHED, PUBLISHED_ON_SITE } from './rules.ts';

export interface Moment {
  week: number;
  kind: MomentKind;
  author: string;
  title: string;
  text: string;
  /** 'cohort': for the cohort's members only; 'public': also for the built site. */
  consent: SharedConsent;
}

/** Who may read the moments asked for: anyone (the build) or the cohort's members (the Worker's page). */
export type MomentReaders = 'site' | 'members';

const SHARED: Record<MomentReaders, string> = { site: PUBLISHED_ON_SITE, members: PUBLISHED };

/** A row of `momentsStatement`: a moment as stored, with its cohort. */
export type MomentRow = Moment & { cohort_id: number };

/** The statement that reads cohorts `cohortIds`' moments for `readers`, by cohort, oldest week first; rows for `momentFrom`. */
export function momentsStatement(db: D1Database, cohortIds: readonly number[], readers: MomentReaders): D1PreparedStatement {
  return db
    .prepare(
      `SELECT s.cohort_id, s.week, s.kind, p.display_name AS author, s.title, s.text, s.consent
       FROM (${SHARED[readers]}) s JOIN participants p ON p.id = s.participant_id
       WHERE ${inCohorts('s.cohort_id', cohortIds)}
       ORDER BY s.cohort_id, s.week, s.kind, author`,
    )
    .bind(cohortsParam(cohortIds));
}

/** A row of `momentsStatement` as it may be shown: scrubbed (by scrubText, or one that also keeps what it scrubbed). */
export function momentFrom(row: Moment, scrub: typeof scrubText = scrubText): Moment {
  // Only strategies have a title: the others' empty one is not worth the detectors' time.
  return { week: row.week, kind: row.kind, author: row.author, title: row.title === '' ? '' : scrub(row.title), text: scrub(row.text), consent: row.consent };
}

/** What cohort `cohortId`'s members shared with it or publicly: its members-only page. */
export async function listMembersMoments(db: D1Database, cohortId: number): Promise<Moment[]> {
  const { results } = await momentsStatement(db, [cohortId], 'members').all<MomentRow>();
  return results.map((row) => momentFrom(row));
}
