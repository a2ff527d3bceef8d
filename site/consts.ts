export const SITE_TITLE = 'Tandem';
export const SITE_TAGLINE = 'Accountability partnerships that learn from themselves.';
/** The addresses of the pages the Worker serves personalised from a participant's link. */
export const FORM_ACTIONS = { checkin: '/api/checkins', reflect: '/api/reflections' } as const;
