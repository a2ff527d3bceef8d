-- Languages (worker/domain/locales.ts): a cohort's, which its published pages and webhook messages
-- use, and a participant's own, which their pages, forms and mails use (NULL: their cohort's).
-- No CHECK on the tags, unlike consent: the list of languages grows, and SQLite cannot change a
-- CHECK without copying the table (participants has a dozen tables pointing at it). Every path that
-- writes a language checks it against LOCALES (cohort add/set --language, the roster's column, the
-- participant's own choice), and a tag no longer spoken reads as the default (worker/db/*.ts).
ALTER TABLE cohorts ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE participants ADD COLUMN language TEXT;
