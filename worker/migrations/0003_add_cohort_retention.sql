-- Retention: a cohort may keep participants' free text for a limited number of months. After
-- that the scheduled job blanks the text of older submissions; the rows (and so every count,
-- rate and rating built from them) stay. NULL keeps text until the mentor deletes it.
ALTER TABLE cohorts ADD COLUMN retention_months INTEGER CHECK (retention_months BETWEEN 1 AND 120);
