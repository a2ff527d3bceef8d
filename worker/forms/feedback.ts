/** Peer feedback as behaviour → impact → next step (the /feedback/ form), and its rating. */
import { z } from 'zod';
import { idempotencyKey, recordChoice, requiredScale, requiredText } from './fields.ts';

export const feedbackSchema = z.object({
  idempotency_key: idempotencyKey,
  receiver_id: recordChoice('Who is it for?', 'Your partner or someone in your circle.'),
  behaviour: requiredText('What did you see them do?', 'Behaviour you observed, not a judgement: “You named one obstacle before any progress.”', 1000),
  impact: requiredText('What did it change?', 'Its effect on you, the pair or the work: “We got to the useful part in five minutes.”', 1000),
  next_step: requiredText('What could they try next?', 'One suggestion they can act on next cycle.', 1000),
});

export type FeedbackInput = z.output<typeof feedbackSchema>;

/** The receiver's rating of how useful a piece of feedback was (once). */
export const ratingSchema = z.object({
  feedback_id: recordChoice('Feedback', 'The feedback you are rating.'),
  usefulness: requiredScale('How useful was it?', '1 is not useful, 5 is very useful.'),
});
