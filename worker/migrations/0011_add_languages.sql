-- Languages (worker/domain/locales.ts): a cohort's, which its published pages and webhook messages
-- use, and a participant's own, which their pages, forms and mails use (NULL: their cohort's).
ALTER TABLE cohorts ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es', 'ar'));
ALTER TABLE participants ADD COLUMN language TEXT CHECK (language IN ('en', 'es', 'ar'));
