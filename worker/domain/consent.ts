/**
 * Consent: who may read a piece of free text, declared once. The forms' zod enums, the SQL that
 * selects what is published, the site's content schemas and the Worker's pages derive from these
 * lists; the CHECK constraints of the migrations are compared with them by test/node/unit/consent.test.ts.
 */

/** The consent levels of free text, from most to least private. */
export const CONSENT_LEVELS = ['private', 'cohort', 'public'] as const;
export type Consent = (typeof CONSENT_LEVELS)[number];

/** The level a text has until its author chooses otherwise: free text is private by default. */
export const DEFAULT_CONSENT = 'private' satisfies Consent;

/** Levels whose text may appear on a cohort's own pages (its story and its circle page). */
export const COHORT_PAGE_CONSENT = ['cohort', 'public'] as const satisfies readonly Consent[];
/** A level that lets text leave its author's private circle: what "published" means. */
export type SharedConsent = (typeof COHORT_PAGE_CONSENT)[number];

/** Levels whose text may also appear on public pages: the library and public reports. */
export const PUBLIC_PAGE_CONSENT = ['public'] as const satisfies readonly SharedConsent[];

/** Whether text shared at `level` may appear on public pages. */
export function isPublicPageConsent(level: Consent): boolean {
  return (PUBLIC_PAGE_CONSENT as readonly Consent[]).includes(level);
}

/** What each level means, as the forms offer it to the author. */
export const CONSENT_LABELS: Record<Consent, string> = {
  private: 'Private — only my partner and my mentor see it',
  cohort: 'My cohort — my circle, and our cohort’s story page (which our mentor may publish), under my display name',
  public: 'Public — it may appear on public pages and in the strategy library, under my display name',
};

/** What a participant shares, each under a consent of its own: a check-in's win, a reflection, a milestone. */
export const PUBLISHABLE = ['win', 'reflection', 'milestone'] as const;
export type Publishable = (typeof PUBLISHABLE)[number];

/** What a cohort's story shows of what is shared: a reflection gives an insight and a strategy. */
export const MOMENT_KINDS = ['win', 'insight', 'strategy', 'milestone'] as const;
export type MomentKind = (typeof MOMENT_KINDS)[number];
