-- Each answer row carries its response's channel and locale, so reports filter
-- and segment by them inside the score index instead of joining every answer to
-- its response. The response writer rewrites a response's answer rows on every
-- edit, so they stay in step when an edit changes the channel or locale.
ALTER TABLE answers ADD COLUMN channel TEXT;
ALTER TABLE answers ADD COLUMN locale TEXT;
UPDATE answers SET channel = (SELECT r.channel FROM responses r WHERE r.id = answers.response_id),
                   locale = (SELECT r.locale FROM responses r WHERE r.id = answers.response_id);
DROP INDEX answers_scores;
CREATE INDEX answers_scores ON answers (survey_id, day, question_id, score, created_at, channel, locale) WHERE score IS NOT NULL;
