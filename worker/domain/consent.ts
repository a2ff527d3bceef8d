/**
 * Consent: who may read a piece of free text, declared once. The forms' zod enums, the SQL that
 * selects what is published, the site's content schemas and the Worker's pages derive from these
 * lists; the CHECK constraints of the migrations are compared with them by test/node/unit/consent.test.ts.
 */
import type { MessageKey } from './i18n.ts';

/** The consent levels of free text, from most to least private. */
export const CONSENT_LEVELS = ['private', 'cohort', 'public'] as const;
export type Consent = (typeof CONSENT_LEVELS)[number];

/** The level a text has until its author chooses otherwise: free text is private by default. */
export const DEFAULT_CONSENT = 'private' satisfies Consent;

/**
 * Levels whose text the author's cohort may read: on the members-only pages the Worker renders for
 * a valid link of that cohort (the cohort page /me/cohort and the circle page). Never built: the
 * static site is readable by anyone who has its address (README, Privacy).
 */
export const COHORT_PAGE_CONSENT = ['cohort', 'public'] as const satisfies readonly Consent[];
/** A level that lets text leave its author's private circle: what "published" means. */
export type SharedConsent = (typeof COHORT_PAGE_CONSENT)[number];

/**
 * Levels whose text may also reach the built site: the cohort's story page and impact report
 * (public or unlisted), the library's strategies and success stories.
 */
export const PUBLIC_PAGE_CONSENT = ['public'] as const satisfies readonly SharedConsent[];

/** Whether text shared at `level` may appear in the built site. */
export function isPublicPageConsent(level: Consent): boolean {
  return (PUBLIC_PAGE_CONSENT as readonly Consent[]).includes(level);
}

/** What each level means, as the forms offer it to the author (the messages, worker/messages/…/common.json). */
export const CONSENT_LABELS = {
  private: 'consent.private',
  cohort: 'consent.cohort',
  public: 'consent.public',
} as const satisfies Record<Consent, MessageKey>;

/** What a participant shares, each under a consent of its own: a check-in's win, a reflection, a milestone. */
export const PUBLISHABLE = ['win', 'reflection', 'milestone'] as const;
export type Publishable = (typeof PUBLISHABLE)[number];

/** What a cohort's story shows of what is shared: a reflection gives an insight and a strategy. */
export const MOMENT_KINDS = ['win', 'insight', 'strategy', 'milestone'] as const;
export type MomentKind = (typeof MOMENT_KINDS)[number];

/** What each kind of moment is called where it is shown. */
export const MOMENT_LABELS = { win: 'moment.win', insight: 'moment.insight', strategy: 'moment.strategy', milestone: 'moment.milestone' } as const satisfies Record<MomentKind, MessageKey>;
