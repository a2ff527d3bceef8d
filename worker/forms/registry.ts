/**
 * Every form a participant sends, one entry each: where its page is, where it posts, which table
 * keeps it, its schema and its title. The site builds the pages from it, the Worker serves and
 * stores them by it, and a test checks wrangler.toml's run_worker_first against it. Titles, link
 * labels, the lede under the title and the send button are message keys (worker/messages/…/forms.json).
 */
import { checkinSchema } from './checkin.ts';
import { contractSchema } from './contract.ts';
import { feedbackSchema } from './feedback.ts';
import { goalSchema } from './goal.ts';
import { programFeedbackSchema } from './program-feedback.ts';
import { pulseSchema } from './pulse.ts';
import { reflectionSchema } from './reflection.ts';

export const FORMS = {
  checkin: { page: '/checkin/', action: '/api/checkins', table: 'checkins', schema: checkinSchema, title: 'form.checkin.title', linkLabel: 'form.checkin.link', lede: 'form.checkin.lede', submit: 'form.checkin.submit' },
  reflect: { page: '/reflect/', action: '/api/reflections', table: 'reflections', schema: reflectionSchema, title: 'form.reflect.title', linkLabel: 'form.reflect.link', lede: 'form.reflect.lede', submit: 'form.reflect.submit' },
  goals: { page: '/goals/', action: '/api/goals', table: 'goals', schema: goalSchema, title: 'form.goals.title', linkLabel: 'form.goals.link', lede: 'form.goals.lede', submit: 'form.goals.submit' },
  feedback: { page: '/feedback/', action: '/api/feedback', table: 'feedback', schema: feedbackSchema, title: 'form.feedback.title', linkLabel: 'form.feedback.link', lede: 'form.feedback.lede', submit: 'form.feedback.submit' },
  contract: { page: '/contract/', action: '/api/contracts', table: 'contracts', schema: contractSchema, title: 'form.contract.title', linkLabel: 'form.contract.link', lede: 'form.contract.lede', submit: 'form.contract.submit' },
  pulse: { page: '/pulse/', action: '/api/pulses', table: 'pulses', schema: pulseSchema, title: 'form.pulse.title', linkLabel: 'form.pulse.link', lede: 'form.pulse.lede', submit: 'form.pulse.submit' },
  programFeedback: { page: '/program-feedback/', action: '/api/program-feedback', table: 'program_feedback', schema: programFeedbackSchema, title: 'form.programFeedback.title', linkLabel: 'form.programFeedback.link', lede: 'form.programFeedback.lede', submit: 'form.programFeedback.submit' },
} as const;

export type FormId = keyof typeof FORMS;
export type FormEntry = (typeof FORMS)[FormId];
/** The address of a form page, e.g. /checkin/. */
export type FormPath = FormEntry['page'];
/** The table a form's posts are stored in. */
export type FormTable = FormEntry['table'];

/** The forms in the order a participant's page lists them. */
export const FORM_LIST: readonly FormEntry[] = Object.values(FORMS);

export function isFormPath(path: string): path is FormPath {
  return FORM_LIST.some((form) => form.page === path);
}
