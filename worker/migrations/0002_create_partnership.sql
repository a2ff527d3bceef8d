-- The partnership model: contracts, micro-goals and milestones, peer feedback, relationship pulse,
-- program feedback. Every submission is stored once per (participant, idempotency key).

-- A pair's agreement, versioned: each new submission is the next version; it is agreed when every
-- member of the pair has confirmed that version as it stands (the proposer by submitting it).
CREATE TABLE contracts (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL,
  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE, -- who proposed it
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  pair_id INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  week INTEGER NOT NULL,
  purpose TEXT NOT NULL,
  cadence_days INTEGER NOT NULL CHECK (cadence_days IN (7, 14)),
  meeting_day TEXT NOT NULL CHECK (meeting_day IN ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')),
  meeting_time TEXT NOT NULL,          -- HH:MM in the cohort's timezone
  meeting_minutes INTEGER NOT NULL DEFAULT 30,
  channel TEXT NOT NULL,
  boundaries TEXT NOT NULL,
  success_measure TEXT NOT NULL,
  contributions TEXT NOT NULL,
  dialogue_format TEXT NOT NULL,
  renegotiate_on TEXT NOT NULL,        -- YYYY-MM-DD
  submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revision INTEGER NOT NULL DEFAULT 1,
  UNIQUE (participant_id, idempotency_key),
  UNIQUE (pair_id, version)
);

-- A confirmation is of one revision of a version: if the proposer resends the form with changes,
-- the partner's earlier confirmation no longer counts.
CREATE TABLE contract_confirmations (
  contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  confirmed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (contract_id, participant_id)
);

-- A micro-goal: specific (what), measurable (measure, target), time-bound (due_on).
-- Recalibrating a goal creates a new goal whose replaces_goal_id names the old one.
CREATE TABLE goals (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL,
  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  pair_id INTEGER REFERENCES pairs (id) ON DELETE SET NULL,
  week INTEGER NOT NULL,
  what TEXT NOT NULL,
  measure TEXT NOT NULL,
  target TEXT NOT NULL,
  due_on TEXT NOT NULL,                -- YYYY-MM-DD
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done', 'dropped')),
  status_changed_on TEXT,              -- YYYY-MM-DD of the last status change
  replaces_goal_id INTEGER REFERENCES goals (id) ON DELETE SET NULL,
  submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revision INTEGER NOT NULL DEFAULT 1,
  UNIQUE (participant_id, idempotency_key)
);
CREATE INDEX goals_cohort_status ON goals (cohort_id, status, due_on);
CREATE INDEX goals_replaces ON goals (replaces_goal_id);

CREATE TABLE milestones (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL,
  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  week INTEGER NOT NULL,
  title TEXT NOT NULL,
  reached_on TEXT NOT NULL,            -- YYYY-MM-DD
  consent TEXT NOT NULL DEFAULT 'private' CHECK (consent IN ('private', 'cohort', 'public')), -- 'public': a success story
  submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revision INTEGER NOT NULL DEFAULT 1,
  UNIQUE (participant_id, idempotency_key)
);
CREATE INDEX milestones_goal ON milestones (goal_id);
CREATE INDEX milestones_cohort_week ON milestones (cohort_id, week);

-- Peer feedback: behaviour observed, its impact, a suggested next step. The receiver rates its
-- usefulness once.
CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL,
  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE, -- the giver
  receiver_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  pair_id INTEGER REFERENCES pairs (id) ON DELETE SET NULL,
  week INTEGER NOT NULL,
  behaviour TEXT NOT NULL,
  impact TEXT NOT NULL,
  next_step TEXT NOT NULL,
  usefulness INTEGER CHECK (usefulness BETWEEN 1 AND 5),
  rated_at TEXT,
  submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revision INTEGER NOT NULL DEFAULT 1,
  UNIQUE (participant_id, idempotency_key)
);
CREATE INDEX feedback_receiver ON feedback (receiver_id, rated_at);
CREATE INDEX feedback_cohort_week ON feedback (cohort_id, week);

-- Relationship health, monthly by default.
CREATE TABLE pulses (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL,
  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  pair_id INTEGER REFERENCES pairs (id) ON DELETE SET NULL,
  week INTEGER NOT NULL,
  trust INTEGER NOT NULL CHECK (trust BETWEEN 1 AND 5),
  safety INTEGER NOT NULL CHECK (safety BETWEEN 1 AND 5),
  feedback_ease INTEGER NOT NULL CHECK (feedback_ease BETWEEN 1 AND 5),
  adaptability INTEGER NOT NULL CHECK (adaptability BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  comment_consent TEXT NOT NULL DEFAULT 'private' CHECK (comment_consent IN ('private', 'cohort', 'public')),
  submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revision INTEGER NOT NULL DEFAULT 1,
  UNIQUE (participant_id, idempotency_key)
);
CREATE INDEX pulses_cohort_week ON pulses (cohort_id, week);
CREATE INDEX pulses_pair_week ON pulses (pair_id, week);

-- What participants think of the program itself, for the mentor.
CREATE TABLE program_feedback (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL,
  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  pair_id INTEGER REFERENCES pairs (id) ON DELETE SET NULL,
  week INTEGER NOT NULL,
  cadence_fit TEXT NOT NULL CHECK (cadence_fit IN ('too-often', 'about-right', 'too-rare')),
  tools TEXT NOT NULL DEFAULT '',
  expectations TEXT NOT NULL DEFAULT '',
  suggestion TEXT NOT NULL DEFAULT '',
  submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revision INTEGER NOT NULL DEFAULT 1,
  UNIQUE (participant_id, idempotency_key)
);
CREATE INDEX program_feedback_cohort ON program_feedback (cohort_id, week);

-- The committed action a check-in carried forward from the one before ("no" or "partly").
ALTER TABLE checkins ADD COLUMN carried_forward INTEGER NOT NULL DEFAULT 0 CHECK (carried_forward IN (0, 1));
CREATE INDEX checkins_pair_week ON checkins (pair_id, week);
