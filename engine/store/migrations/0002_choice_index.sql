-- Counts of chosen options per question for the score report, without reading
-- the table: only rows holding a choice are indexed.
CREATE INDEX answers_choices ON answers (survey_id, question_id, choice, created_at, response_id)
    WHERE choice IS NOT NULL;
