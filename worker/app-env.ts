/** Hono's environment of the Worker's routes: its bindings, and what middleware sets. */
import type { Author } from './db/admission.ts';
import type { Participant } from './db/participants.ts';
import type { Translator } from './domain/i18n.ts';
import type { FormPath } from './forms/registry.ts';

/** The parsed body of a form post: field name → value, as sent. */
export type Body = Record<string, unknown>;

/**
 * What middleware may have set, so absent until it ran: the body (readBody); the link token and
 * the author it names (requireAuthor); them as read from D1 (requireParticipant); whether the post
 * stored a new row; the page a form endpoint's browser posts come from.
 */
export interface Variables {
  /**
   * The words of the answer, in the reader's language: set for every request by `negotiatedLocale`
   * (the app's first middleware), and changed by `speak` once a link names a participant.
   */
  t: Translator;
  body?: Body;
  token?: string;
  author?: Author;
  participant?: Participant;
  storedNew?: boolean;
  formPage?: FormPath;
  /**
   * Set by `whilePublished` on a route: a link whose cohort's links expired still works there while
   * something of its holder's is published (their page and withdrawals, so they can withdraw it).
   */
  whilePublished?: boolean;
  /** The last day of the cohort when the link was let through only because something is published. */
  linkEndedOn?: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: Variables;
}

/** The environment after readBody. */
export interface BodyEnv extends AppEnv {
  Variables: Variables & { body: Body };
}

/** The environment after requireAuthor. */
export interface AuthorEnv extends AppEnv {
  Variables: Variables & { body: Body; token: string; author: Author };
}

/** The environment after requireParticipant. */
export interface ParticipantEnv extends AppEnv {
  Variables: AuthorEnv['Variables'] & { participant: Participant };
}

/** The environment of a page opened with a personal link, after requireLink. */
export interface LinkEnv extends AppEnv {
  Variables: Variables & { participant: Participant; token: string };
}
