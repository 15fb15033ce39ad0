-- Paged listings and exports seek to their page with a row-value keyset on
-- (created_at, id), so every filter they take has an index ending in those two:
-- invitations by survey, contact, campaign or none (these replace the invitation
-- indexes without the id). Responses have responses_survey_created already and,
-- without a survey filter, page by their primary key (ids begin with their
-- creation time), so answering writes no extra index.
CREATE INDEX invitations_created ON invitations (created_at, id);
DROP INDEX invitations_survey;
CREATE INDEX invitations_survey ON invitations (survey_id, created_at, id);
DROP INDEX invitations_contact;
CREATE INDEX invitations_contact ON invitations (contact_id, created_at, id);
DROP INDEX invitations_campaign;
CREATE INDEX invitations_campaign ON invitations (campaign_id, created_at, id);
