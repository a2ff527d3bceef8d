export const SITE_TITLE = 'Tandem';
export const SITE_TAGLINE = 'Accountability partnerships that learn from themselves.';
/** The addresses of the pages the Worker serves personalised from a participant's link. */
export const FORM_ACTIONS = {
  checkin: '/api/checkins',
  reflect: '/api/reflections',
  contract: '/api/contracts',
  goals: '/api/goals',
  feedback: '/api/feedback',
  pulse: '/api/pulses',
  programFeedback: '/api/program-feedback',
} as const;
