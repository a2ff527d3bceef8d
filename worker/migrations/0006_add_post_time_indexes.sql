-- The rate limit on form posts counts the posts of a kind a participant stored in the last minute,
-- inside the statement that stores the next one, so checking the link and the limit and storing
-- the post take one D1 round trip (worker/db/admission.ts). These indexes let that count read only
-- the participant's latest rows.
CREATE INDEX checkins_participant_submitted ON checkins (participant_id, submitted_at);
CREATE INDEX reflections_participant_submitted ON reflections (participant_id, submitted_at);
CREATE INDEX contracts_participant_submitted ON contracts (participant_id, submitted_at);
CREATE INDEX goals_participant_submitted ON goals (participant_id, submitted_at);
CREATE INDEX milestones_participant_submitted ON milestones (participant_id, submitted_at);
CREATE INDEX feedback_participant_submitted ON feedback (participant_id, submitted_at);
CREATE INDEX pulses_participant_submitted ON pulses (participant_id, submitted_at);
CREATE INDEX program_feedback_participant_submitted ON program_feedback (participant_id, submitted_at);
