-- The program model: cohorts of participants in pairs and circles, weekly check-ins and reflections.
-- Append-only: later changes are new migration files.

CREATE TABLE cohorts (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  timezone TEXT NOT NULL,
  cadence_days INTEGER NOT NULL DEFAULT 7 CHECK (cadence_days BETWEEN 1 AND 90),
  starts_on TEXT NOT NULL,            -- YYYY-MM-DD, in the cohort's timezone
  ends_on TEXT,                       -- YYYY-MM-DD or NULL while open-ended
  publication TEXT NOT NULL DEFAULT 'unlisted' CHECK (publication IN ('public', 'unlisted', 'private')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE circles (
  id INTEGER PRIMARY KEY,
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  UNIQUE (cohort_id, label)
);

CREATE TABLE pairs (
  id INTEGER PRIMARY KEY,
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  circle_id INTEGER REFERENCES circles (id) ON DELETE SET NULL,
  label TEXT NOT NULL,
  UNIQUE (cohort_id, label)
);
CREATE INDEX pairs_circle ON pairs (circle_id);

CREATE TABLE participants (
  id INTEGER PRIMARY KEY,
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  pair_id INTEGER REFERENCES pairs (id) ON DELETE SET NULL,
  role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
  display_name TEXT NOT NULL,         -- a pseudonym: the only name pages show
  email TEXT NOT NULL,                -- private: never selected by a report query
  link_version INTEGER NOT NULL DEFAULT 1, -- bumping it revokes the participant's links
  joined_on TEXT NOT NULL DEFAULT (date('now')),
  UNIQUE (cohort_id, email)
);
CREATE INDEX participants_cohort_role ON participants (cohort_id, role);
CREATE INDEX participants_pair ON participants (pair_id);

-- Consent levels of free text: 'private' (mentor and partner only), 'cohort' (cohort pages),
-- 'public' (library and public reports).

-- Every submission carries the idempotency key of the form it came from, unique per participant:
-- sending the same form again (a retry, the back button, an edit) updates that one row.

CREATE TABLE checkins (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL,
  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  pair_id INTEGER REFERENCES pairs (id) ON DELETE SET NULL, -- the pair at the time of the check-in
  week INTEGER NOT NULL CHECK (week >= 1),                  -- the cohort's cycle number, 1-based
  progress TEXT NOT NULL,
  obstacles TEXT NOT NULL DEFAULT '',
  next_step TEXT NOT NULL,
  committed_action TEXT NOT NULL,
  last_action_done TEXT CHECK (last_action_done IN ('yes', 'partly', 'no')),
  win TEXT NOT NULL DEFAULT '',
  challenge TEXT NOT NULL DEFAULT '',
  decision_reason TEXT NOT NULL DEFAULT '',
  energy INTEGER CHECK (energy BETWEEN 1 AND 5),
  needs_pause INTEGER NOT NULL DEFAULT 0 CHECK (needs_pause IN (0, 1)),
  win_consent TEXT NOT NULL DEFAULT 'private' CHECK (win_consent IN ('private', 'cohort', 'public')),
  submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revision INTEGER NOT NULL DEFAULT 1,   -- 1 + the number of times the same form was sent again
  UNIQUE (participant_id, idempotency_key)
);
CREATE INDEX checkins_cohort_week ON checkins (cohort_id, week, participant_id);
CREATE INDEX checkins_participant_week ON checkins (participant_id, week);

CREATE TABLE reflections (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL,
  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  pair_id INTEGER REFERENCES pairs (id) ON DELETE SET NULL,
  week INTEGER NOT NULL CHECK (week >= 1),
  working TEXT NOT NULL,
  not_working TEXT NOT NULL,
  why TEXT NOT NULL,
  assumption TEXT NOT NULL DEFAULT '',
  insight TEXT NOT NULL DEFAULT '',
  strategy_title TEXT NOT NULL DEFAULT '',
  strategy_body TEXT NOT NULL DEFAULT '',
  strategy_tags TEXT NOT NULL DEFAULT '',  -- comma-separated, lower case
  consent TEXT NOT NULL DEFAULT 'private' CHECK (consent IN ('private', 'cohort', 'public')),
  submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revision INTEGER NOT NULL DEFAULT 1,
  UNIQUE (participant_id, idempotency_key)
);
CREATE INDEX reflections_cohort_week ON reflections (cohort_id, consent, week);
CREATE INDEX reflections_participant ON reflections (participant_id);
CREATE INDEX checkins_cohort_consent ON checkins (cohort_id, win_consent, week);

-- What the scheduled job last saw: the digest of publishable data at the last deploy request.
CREATE TABLE publish_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  digest TEXT NOT NULL,
  requested_at TEXT NOT NULL
);
