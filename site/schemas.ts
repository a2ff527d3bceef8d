/** Content schemas of the site's collections. */
import { z } from 'astro/zod';
import { MOMENT_KINDS, PUBLIC_PAGE_CONSENT } from '../worker/domain/consent.ts';
import { LOCALES } from '../worker/domain/locales.ts';

export const LIBRARY_KINDS = ['guide', 'checklist', 'dialogue', 'role-play', 'template', 'story'] as const;
export const LIBRARY_STAGES = ['kickoff', 'weekly', 'feedback', 'setback', 'pause', 'reflection', 'closing', 'mentor'] as const;

/** A library entry: an MDX file in content/library/ written by mentors. */
export const libraryEntrySchema = z.object({
  /** Title as it reads in lists and at the top of the page. */
  title: z.string().min(3).max(100),
  /** One sentence saying what the entry helps with; shown in lists. */
  summary: z.string().min(10).max(200),
  /** What sort of text it is. */
  kind: z.enum(LIBRARY_KINDS),
  /** The moment of a partnership it serves. */
  stage: z.enum(LIBRARY_STAGES),
  /** Lower-case topic tags. */
  tags: z.array(z.string().regex(/^[a-z0-9][a-z0-9 -]*$/, 'tags are lower-case words')).max(8).default([]),
  /** Minutes it takes to read or to use. */
  minutes: z.number().int().positive().max(240),
  /** When a mentor last checked that it is still right. */
  reviewed: z.coerce.date(),
  /** Slugs of other entries worth reading next (file names without .mdx). */
  related: z.array(z.string()).max(5).default([]),
  /** A participant's shared strategy this entry quotes (written by `tandem library promote`); shown as text, never compiled. */
  shared: z
    .object({
      /** The reflection the strategy comes from: the build checks it is still shared publicly. */
      source: z.number().int(),
      /** The participant's words. */
      text: z.string(),
      /** Their display name. */
      author: z.string(),
      /** Their cohort's name. */
      cohort: z.string(),
      /** The cohort week they shared it in. */
      week: z.number().int(),
    })
    .optional(),
});

const consentedMoment = z.object({
  /** Cohort week the text was written in. */
  week: z.number().int().positive(),
  /** Where the text comes from: a check-in's win, a reflection's insight or shared strategy, a milestone reached. */
  kind: z.enum(MOMENT_KINDS),
  /** The author's display name (a pseudonym), never an e-mail. */
  author: z.string(),
  /** A strategy's name; empty for other kinds. */
  title: z.string(),
  /** The consented text, already scrubbed of e-mails, phone numbers and links. */
  text: z.string(),
  /** How far the author let it go: only text shared publicly is built ('cohort' text stays on the members-only page), so a build that is handed any other stops here. */
  consent: z.enum(PUBLIC_PAGE_CONSENT),
});

/** Part of a whole (a share) or a sum and a count (a mean); null where a small group is hidden. */
const ratio = z.object({ part: z.number(), whole: z.number() }).nullable();

/** A headline figure: over everything shown, and its trend between the last two periods. */
const headline = z.object({ value: z.number().nullable(), total: ratio, latest: z.number().nullable(), previous: z.number().nullable() });

const period = { period: z.number().int(), fromWeek: z.number().int(), toWeek: z.number().int() };

/** A cohort's outcome figures (worker/domain/metrics.ts defines each); small groups are null. */
export const cohortMetricsSchema = z.object({
  /** Engagement and action completion per complete week (the week under way is not published). */
  weeks: z.array(z.object({ week: z.number().int(), startsOn: z.string(), engagement: ratio, actions: ratio })),
  /** Mean pulse per dimension, per period of weeks. */
  pulses: z.array(z.object({ ...period, means: z.object({ trust: ratio, safety: ratio, feedbackEase: ratio, adaptability: ratio }).nullable() })),
  /** Feedback usefulness and completeness, per period of weeks. */
  feedback: z.array(z.object({ ...period, usefulness: ratio, complete: ratio })),
  /** Goals by status, goal completion and adaptability. */
  goals: z.object({
    byStatus: z.object({ active: z.number().int(), done: z.number().int(), recalibrated: z.number().int(), dropped: z.number().int() }).nullable(),
    completion: ratio,
    adaptability: ratio,
  }),
  /** Milestones reached. */
  milestones: z.number().int().nullable(),
  /** The headline figures of the report. */
  headlines: z.object({
    engagement: headline,
    actions: headline,
    usefulness: headline,
    completeFeedback: headline,
    pulse: headline,
    goalCompletion: headline,
    adaptability: headline,
  }),
});

/** A cohort's story as read from D1 by the cohorts loader: only what consent allows. */
export const cohortStorySchema = z.object({
  /** The cohort itself. */
  cohort: z.object({
    slug: z.string(),
    name: z.string(),
    timezone: z.string(),
    /** Days between check-ins from week 1, until the first change of rhythm. */
    cadenceDays: z.number().int(),
    /** Later changes of rhythm, oldest first: from week `fromCycle`, which began on `startsOn`, every `cadenceDays` days. */
    cadenceChanges: z.array(z.object({ fromCycle: z.number().int(), startsOn: z.string(), cadenceDays: z.number().int() })),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    publication: z.enum(['public', 'unlisted']),
    /** The language its pages are written in (its participants may each read their own pages in another). */
    language: z.enum(LOCALES),
    /** Where its pages are built: /cohorts/<slug>/, or a path with a random key when unlisted. */
    path: z.string(),
  }),
  /** Who is in the program, by display name. */
  members: z.array(z.object({ displayName: z.string(), role: z.enum(['mentor', 'mentee']), pair: z.string().nullable(), circle: z.string().nullable() })),
  /** Outcome figures, small groups hidden. */
  metrics: cohortMetricsSchema,
  /** Consented wins, insights, strategies and milestones, by week. */
  timeline: z.array(consentedMoment),
});

/** A strategy a participant shared with public consent: a community entry of the library. */
export const sharedStrategySchema = z.object({
  /** The reflection it comes from; `tandem library promote <id>` turns it into a curated entry. */
  id: z.number().int(),
  /** Its name, scrubbed of personal data. */
  title: z.string(),
  /** How it works, scrubbed of personal data. */
  body: z.string(),
  /** Lower-case tags the author gave it. */
  tags: z.array(z.string()),
  /** The author's display name. */
  author: z.string(),
  /** The cohort it comes from. */
  cohort: z.object({ slug: z.string(), name: z.string(), publication: z.enum(['public', 'unlisted']) }),
  /** The cohort week it was shared in. */
  week: z.number().int(),
});

/** A milestone a participant shared as a success story, with how they got there. */
export const successStorySchema = z.object({
  /** The milestone's id. */
  id: z.number().int(),
  /** What was reached, scrubbed. */
  milestone: z.string(),
  /** When, YYYY-MM-DD. */
  reachedOn: z.string(),
  /** The author's display name. */
  author: z.string(),
  /** The cohort it comes from. */
  cohort: z.object({ slug: z.string(), name: z.string(), publication: z.enum(['public', 'unlisted']) }),
  /** How: the insight of the author's public reflection from before, scrubbed; may be empty. */
  how: z.string(),
  /** The strategy that reflection shared, scrubbed; may be empty. */
  strategy: z.string(),
  /** That strategy's tags: what helped. */
  tags: z.array(z.string()),
});
