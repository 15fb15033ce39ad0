-- The analysis of each free-text answer, written with the answer or, for
-- answers stored before, by the background text pass: its language, sentiment,
-- themes (ids separated by spaces) and key phrases (one "stems<TAB>words" per
-- line). analysis_revision names the text model that produced it: editing the
-- taxonomy or learning new words raises the model's revision, and the pass
-- analyses again every answer below it (0: never analysed).
ALTER TABLE answers ADD COLUMN language TEXT;
ALTER TABLE answers ADD COLUMN sentiment DOUBLE PRECISION;
ALTER TABLE answers ADD COLUMN feeling TEXT;
ALTER TABLE answers ADD COLUMN themes TEXT;
ALTER TABLE answers ADD COLUMN phrases TEXT;
ALTER TABLE answers ADD COLUMN analysis_revision INTEGER;
UPDATE answers SET analysis_revision = 0 WHERE text_value IS NOT NULL;
CREATE INDEX answers_texts ON answers (survey_id, created_at) WHERE text_value IS NOT NULL;
CREATE INDEX answers_analysis ON answers (analysis_revision) WHERE text_value IS NOT NULL;

-- One row: the current text model. taxonomy is the edited theme taxonomy as
-- JSON, null for the default; learned_comments is how many text answers there
-- were when words were last learned, so the pass knows when enough new ones came.
CREATE TABLE text_model (
    id INTEGER PRIMARY KEY,
    revision INTEGER NOT NULL,
    taxonomy TEXT,
    learned_comments BIGINT NOT NULL,
    learned_at BIGINT,
    updated_at BIGINT NOT NULL
);
INSERT INTO text_model (id, revision, taxonomy, learned_comments, learned_at, updated_at) VALUES (1, 1, NULL, 0, NULL, 0);

-- Domain words learned from scored comments: a stem ("trag") or a negated stem
-- ("not:terribl") and its weight in [-1, 1], per language.
CREATE TABLE learned_terms (
    language TEXT NOT NULL,
    feature TEXT NOT NULL,
    weight DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (language, feature)
);
