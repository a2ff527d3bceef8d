import type { Participant } from '../db/participants.ts';

/** The parsed body of a form post: field name → value, as sent. */
export type Body = Record<string, unknown>;

/** Hono's environment for every route: the Worker's bindings and what middleware sets. */
export interface AppEnv {
  Bindings: Env;
  Variables: { body: Body; participant: Participant };
}
