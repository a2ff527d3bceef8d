-- A cohort's rhythm can change (`tandem cohort set --cadence N`), from the next cycle on, without
-- renumbering past weeks. starts_on and cadence_days keep describing cycle 1 and the cycles after
-- it; cadence_changes lists each later change as {"fromCycle", "startsOn", "cadenceDays"}: from
-- cycle fromCycle, which begins on startsOn, cycles last cadenceDays days. Oldest first; written
-- only by worker/db/cohorts.ts (setCadence), read by worker/domain/weeks.ts (readCadenceChanges).
ALTER TABLE cohorts ADD COLUMN cadence_changes TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(cadence_changes) AND json_type(cadence_changes) = 'array');
