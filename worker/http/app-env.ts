import type { Author } from '../db/admission.ts';
import type { Participant } from '../db/participants.ts';
import type { FormPath } from '../forms/registry.ts';

/** The parsed body of a form post: field name → value, as sent. */
export type Body = Record<string, unknown>;

/** Hono's environment for every route: the Worker's bindings and what middleware sets. */
export interface AppEnv {
  Bindings: Env;
  /**
   * token: a post's link token; author: who it names (requireAuthor); participant: them as read
   * from D1 (requireParticipant); storedNew: the post stored a new row; formPage: the page a form
   * endpoint's browser posts come from, set by the endpoint.
   */
  Variables: { body: Body; token: string; author: Author; participant: Participant; storedNew: boolean; formPage: FormPath };
}
