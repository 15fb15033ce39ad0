-- Each answer row carries its response's campaign and contact too, so reports
-- filter and segment by campaign inside the score index, and by a contact
-- attribute by finding the matching contacts once, instead of joining every
-- answer to its response, invitation and contact. Neither changes once a
-- response exists; erasing a contact clears it here as on the response.
ALTER TABLE answers ADD COLUMN campaign_id TEXT;
ALTER TABLE answers ADD COLUMN contact_id TEXT;
UPDATE answers SET contact_id = (SELECT r.contact_id FROM responses r WHERE r.id = answers.response_id),
                   campaign_id = (SELECT i.campaign_id FROM responses r JOIN invitations i ON i.id = r.invitation_id
                                  WHERE r.id = answers.response_id);
DROP INDEX answers_scores;
CREATE INDEX answers_scores ON answers (survey_id, day, question_id, score, created_at, channel, locale, campaign_id, contact_id)
    WHERE score IS NOT NULL;
