import type { Author } from '../db/admission.ts';
import type { Participant } from '../db/participants.ts';
import type { FormPath } from './pages.ts';

/** The parsed body of a form post: field name → value, as sent. */
export type Body = Record<string, unknown>;

/** Hono's environment for every route: the Worker's bindings and what middleware sets. */
export interface AppEnv {
  Bindings: Env;
  /** author: who a post's link names (requireAuthor); participant: them as read from D1 (requireParticipant); formPage: the page a form endpoint's browser posts come from, set by the endpoint. */
  Variables: { body: Body; author: Author; participant: Participant; formPage: FormPath };
}
