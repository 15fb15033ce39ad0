-- Paged listings and exports seek to their page with a row-value keyset on
-- (created_at, id), so every filter they take has an index ending in those two:
-- responses without a survey filter, and invitations by survey, contact,
-- campaign or none. These replace the invitation indexes without the id.
CREATE INDEX responses_created ON responses (created_at, id);
CREATE INDEX invitations_created ON invitations (created_at, id);
DROP INDEX invitations_survey;
CREATE INDEX invitations_survey ON invitations (survey_id, created_at, id);
DROP INDEX invitations_contact;
CREATE INDEX invitations_contact ON invitations (contact_id, created_at, id);
DROP INDEX invitations_campaign;
CREATE INDEX invitations_campaign ON invitations (campaign_id, created_at, id);
