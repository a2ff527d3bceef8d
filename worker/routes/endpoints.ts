/** The POST endpoint of every form in the registry, with how its posts are checked and stored. */
import { Hono } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import { storeContract } from '../db/contracts.ts';
import { storeFeedback } from '../db/feedback.ts';
import { storeGoal } from '../db/goals.ts';
import { storeProgramFeedback, storePulse } from '../db/pulses.ts';
import { storeCheckin, storeReflection } from '../db/submissions.ts';
import { needsOf } from '../domain/needs.ts';
import { FORMS, type FormId } from '../forms/registry.ts';
import { carryForward, frozenFeedback, inAPair, ownReplacedGoal, toAPeer, unreplaceableGoal } from './checks.ts';
import { submissionRoutes, type SubmissionForm } from './submissions.ts';

type Handling<S extends z.ZodType> = Omit<SubmissionForm<S>, 'entry'>;

/** One entry per form of the registry: a form without one does not type-check. */
const HANDLING: { [K in FormId]: Handling<(typeof FORMS)[K]['schema']> } = {
  checkin: { check: carryForward, store: storeCheckin, needs: needsOf },
  reflect: { store: storeReflection },
  goals: { check: ownReplacedGoal, store: storeGoal, conflict: unreplaceableGoal },
  feedback: { check: toAPeer, store: storeFeedback, conflict: frozenFeedback },
  contract: { check: inAPair, store: storeContract },
  pulse: { store: storePulse },
  programFeedback: { store: storeProgramFeedback },
};

export const endpoints = new Hono<AppEnv>();

for (const id of Object.keys(FORMS) as FormId[]) {
  // HANDLING's type ties each entry to its form's schema; TypeScript cannot follow it through the loop.
  const form = { entry: FORMS[id], ...HANDLING[id] } as SubmissionForm<z.ZodType>;
  endpoints.route(FORMS[id].action, submissionRoutes(form));
}
