/** Peer feedback as behaviour → impact → next step (the /feedback/ form), and its rating. */
import { z } from 'zod';
import { idempotencyKey, recordChoice, requiredScale, requiredText } from './fields.ts';

export const feedbackSchema = z.object({
  idempotency_key: idempotencyKey,
  receiver_id: recordChoice('field.feedback.receiver_id'),
  behaviour: requiredText('field.feedback.behaviour', 1000),
  impact: requiredText('field.feedback.impact', 1000),
  next_step: requiredText('field.feedback.next_step', 1000),
});

export type FeedbackInput = z.output<typeof feedbackSchema>;

/** The receiver's rating of how useful a piece of feedback was (once). */
export const ratingSchema = z.object({
  feedback_id: recordChoice('field.rating.feedback_id'),
  usefulness: requiredScale('field.rating.usefulness'),
});
