-- A participant's id is in their links, so no id is ever given to someone else. SQLite reuses the
-- largest rowid once its row is deleted: after `tandem forget` of the newest participant, the next
-- one added would get their id, and at link version 1 the forgotten person's old link would open
-- the newcomer's page and forms. Forgotten ids are kept here, and new participants are numbered
-- past them (worker/db/roster.ts). An id forgotten before this migration ran is not known here: if
-- the newest participant was forgotten before, revoke (`tandem links --revoke`) the links of anyone
-- added to that cohort since.
CREATE TABLE retired_participant_ids (id INTEGER PRIMARY KEY);

CREATE TRIGGER participants_retire_id AFTER DELETE ON participants
BEGIN
  INSERT OR IGNORE INTO retired_participant_ids (id) VALUES (OLD.id);
END;
