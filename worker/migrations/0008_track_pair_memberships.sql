-- Who was in which pair, and for which weeks: a partner reads the other's words only for the weeks
-- they were partners (worker/db/partnership.ts). A roster import closes a membership when someone
-- moves to another pair and opens one for the new pair (worker/db/roster.ts).
CREATE TABLE pair_memberships (
  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  pair_id INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  from_week INTEGER NOT NULL CHECK (from_week >= 1),
  until_week INTEGER,                 -- the first week no longer in the pair; NULL while they are
  PRIMARY KEY (participant_id, from_week, pair_id)
);
CREATE INDEX pair_memberships_pair ON pair_memberships (pair_id, participant_id);

-- Everyone paired today has been in their pair since the week they joined.
INSERT INTO pair_memberships (participant_id, pair_id, from_week)
SELECT p.id, p.pair_id, MAX(1, CAST((julianday(p.joined_on) - julianday(c.starts_on)) / c.cadence_days AS INTEGER) + 1)
FROM participants p JOIN cohorts c ON c.id = p.cohort_id WHERE p.pair_id IS NOT NULL;

-- A challenge its author asks the circle's feedback on: shown on the circle's page that cycle.
ALTER TABLE checkins ADD COLUMN challenge_to_circle INTEGER NOT NULL DEFAULT 0 CHECK (challenge_to_circle IN (0, 1));

-- A partner's one-click congratulation on a milestone, once per milestone and person.
CREATE TABLE congratulations (
  milestone_id INTEGER NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  sent_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (milestone_id, participant_id)
);
CREATE INDEX congratulations_participant ON congratulations (participant_id);
