/**
 * The places in the built form pages that the Worker fills in for one participant
 * (worker/views/form-page.tsx): one spelling, shared by the Astro components that write them and the
 * rewriter that finds them.
 */

/** `data-slot` names. */
export const SLOT = {
  /** Who the form is for: name, cohort, week. */
  participant: 'participant',
  /** The list of problems after a failed post. */
  formErrors: 'form-errors',
  /** The thank-you page's guidance for what the check-in revealed. */
  guidance: 'guidance',
} as const;

/** Prefix of the `data-slot` of a radio group whose answers are the participant's own records. */
export const OPTIONS_SLOT_PREFIX = 'options-';

/** The `data-slot` of field `name`'s answers, filled in per participant. */
export function optionsSlot(name: string): string {
  return `${OPTIONS_SLOT_PREFIX}${name}`;
}

/** `data-text` names (and `data-show-with`, which shows an element once its text is there). */
export const TEXT = {
  /** The action the participant committed to last cycle. */
  lastAction: 'last-action',
} as const;

/** The CSS selector of a `data-slot`. */
export function slotSelector(name: string): string {
  return `[data-slot="${name}"]`;
}

/**
 * The honeypot: a field every form carries that people never see or fill in. Something that fills
 * it in is a bot (worker/middleware/validation.ts).
 */
export const HONEYPOT = 'website';
