/** How the library's kinds, stages and tags are named and addressed, on every page that shows them. */
import type { LIBRARY_KINDS, LIBRARY_STAGES } from '../schemas.ts';

export type LibraryKind = (typeof LIBRARY_KINDS)[number];
export type LibraryStage = (typeof LIBRARY_STAGES)[number];

/** Each kind's name for one entry and for a list of them, and what such an entry is for. */
export const KIND_LABELS: Record<LibraryKind, { one: string; many: string; about: string }> = {
  guide: { one: 'Guide', many: 'Guides', about: 'Step-by-step advice for one part of a partnership, worth reading before you need it.' },
  checklist: { one: 'Checklist', many: 'Checklists', about: 'Lists to work through so that nothing is forgotten when it matters.' },
  dialogue: { one: 'Example dialogue', many: 'Example dialogues', about: 'Conversations between partners written out in full, to borrow words from.' },
  'role-play': { one: 'Role-play', many: 'Role-plays', about: 'Scenes to act out in a pair or a circle, so a hard conversation is not the first time you have it.' },
  template: { one: 'Template', many: 'Templates', about: 'Agendas and forms to copy, fill in and keep.' },
  story: { one: 'Success story', many: 'Success stories', about: 'How partners reached a milestone, told in their own words.' },
};

/** Each stage's name and when in a partnership it applies (LIBRARY_STAGES lists them in partnership order). */
export const STAGE_LABELS: Record<LibraryStage, { label: string; when: string }> = {
  kickoff: { label: 'Kickoff', when: 'The first week or two, when partners meet, agree how they will work together and set their first goals.' },
  weekly: { label: 'Weekly check-ins', when: 'Every week of the partnership, when partners report on last week’s action and commit to the next one.' },
  feedback: { label: 'Feedback', when: 'Whenever partners tell each other what is working and what is not, in a check-in or a peer circle.' },
  setback: { label: 'Setbacks', when: 'When an action is missed, a goal slips or a partner goes quiet, and the pair needs to get going again.' },
  pause: { label: 'Pauses', when: 'When one partner needs to step back for a while, and when they come back.' },
  reflection: { label: 'Reflection', when: 'At the end of a stretch of weeks, when partners look back at what helped and what they learned.' },
  closing: { label: 'Closing', when: 'In the last weeks, when a partnership ends and partners take stock of what they achieved.' },
  mentor: { label: 'For mentors', when: 'Throughout the program, for the mentors who launch a cohort, match its pairs and support them.' },
};

/** A tag as it appears in a URL: "peer circles" → "peer-circles". */
export function tagSlug(tag: string): string {
  return tag
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export const kindHref = (kind: LibraryKind) => `/library/kinds/${kind}/`;
export const stageHref = (stage: LibraryStage) => `/library/stages/${stage}/`;
export const tagHref = (tag: string) => `/library/tags/${tagSlug(tag)}/`;

/** "1 entry", "3 entries". */
export function entryCount(n: number): string {
  return n === 1 ? '1 entry' : `${n} entries`;
}
