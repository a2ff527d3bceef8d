-- Publication levels: an unlisted cohort's pages live under a path nobody can guess,
-- /cohorts/<slug>-<share_key>/, so only people given the link find them. Every cohort gets a key
-- (80 random bits), so changing a cohort to unlisted later needs no new key.
ALTER TABLE cohorts ADD COLUMN share_key TEXT;
UPDATE cohorts SET share_key = lower(hex(randomblob(10)));
