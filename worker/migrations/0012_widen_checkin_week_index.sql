-- The check-ins of a cohort by week, with what the cohort's figures count in them: who sent it, for
-- which pair, whether they asked for a pause and whether last cycle's action was done. The
-- weekly figures (worker/db/metrics.ts) then read a cohort's check-ins from the index alone, not
-- row by row from the table (the build's read of a 4× program: the weekly statement took a third
-- less). Same leading columns as the index it replaces, so every query that used it still can.
CREATE INDEX checkins_cohort_week_counts ON checkins (cohort_id, week, participant_id, pair_id, needs_pause, last_action_done);
DROP INDEX checkins_cohort_week;
