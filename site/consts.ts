export const SITE_TITLE = 'Tandem';
export const SITE_TAGLINE = 'Accountability partnerships that learn from themselves.';
