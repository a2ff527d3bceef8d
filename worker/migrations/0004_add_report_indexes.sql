-- Indexes for the report queries the build runs across all cohorts (test/node/query-plans.test.ts
-- checks every report query with EXPLAIN QUERY PLAN).

-- The library's community strategies: public reflections, newest first (worker/db/strategies.ts).
CREATE INDEX reflections_consent ON reflections (consent);

-- Success stories: milestones shared publicly, latest first (worker/db/strategies.ts).
CREATE INDEX milestones_consent_reached ON milestones (consent, reached_on);
