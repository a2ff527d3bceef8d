-- The rhythm (worker/domain/reminders.ts): how each participant is reminded, the cohort's and
-- circles' webhooks, the escalation ladder a pair agrees in its contract, and the outbox of every
-- message, recorded under its key before it is sent so it is sent once.

-- No row: the defaults (mail on when there is an address, 09:00 in the cohort's timezone, no quiet hours).
CREATE TABLE reminder_settings (
  participant_id INTEGER PRIMARY KEY REFERENCES participants (id) ON DELETE CASCADE,
  timezone TEXT,                      -- IANA; NULL: the cohort's
  remind_hour INTEGER NOT NULL DEFAULT 9 CHECK (remind_hour BETWEEN 0 AND 23),
  quiet_from INTEGER CHECK (quiet_from BETWEEN 0 AND 23),
  quiet_until INTEGER CHECK (quiet_until BETWEEN 0 AND 23),
  by_mail INTEGER NOT NULL DEFAULT 1 CHECK (by_mail IN (0, 1)),
  unsubscribed_at TEXT                -- set by the one-click unsubscribe; mail stays off until they turn it on
);

-- Incoming-webhook addresses (https only, checked where they are set): private, never published.
ALTER TABLE cohorts ADD COLUMN webhook_url TEXT;
ALTER TABLE circles ADD COLUMN webhook_url TEXT;

-- After how many missed cycles the partner, the circle's facilitator and the mentor are told: off unless set.
ALTER TABLE contracts ADD COLUMN escalate_partner_after INTEGER CHECK (escalate_partner_after BETWEEN 1 AND 12);
ALTER TABLE contracts ADD COLUMN escalate_facilitator_after INTEGER CHECK (escalate_facilitator_after BETWEEN 1 AND 12);
ALTER TABLE contracts ADD COLUMN escalate_mentor_after INTEGER CHECK (escalate_mentor_after BETWEEN 1 AND 12);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,           -- recipient, cycle, kind, step: one message, ever
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  participant_id INTEGER REFERENCES participants (id) ON DELETE CASCADE, -- the recipient; NULL: a webhook
  circle_id INTEGER REFERENCES circles (id) ON DELETE CASCADE,           -- a circle's webhook; NULL with no recipient: the cohort's
  about_id INTEGER REFERENCES participants (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'nudge', 'escalation', 'pulse', 'digest', 'channel')),
  cycle INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('mail', 'webhook')),
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  html TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX messages_cohort ON messages (cohort_id, created_at);
CREATE INDEX messages_participant ON messages (participant_id, kind, created_at);
CREATE INDEX messages_about ON messages (about_id);
