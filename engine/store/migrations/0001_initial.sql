-- The core tables. Portable SQL: SQLite and PostgreSQL read it alike.
-- Times are UTC milliseconds since the epoch; JSON documents are TEXT.
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    scope TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE surveys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    current_version INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX surveys_created ON surveys (created_at, id);

CREATE TABLE survey_versions (
    survey_id TEXT NOT NULL REFERENCES surveys (id),
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (survey_id, version)
);

CREATE TABLE contacts (
    id TEXT PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    email TEXT,
    name TEXT,
    locale TEXT,
    timezone TEXT,
    attributes TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Whether an invitation was answered is read from responses, not stored here:
-- answering then writes no invitation page, which keeps group commits small.
CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL REFERENCES surveys (id),
    contact_id TEXT REFERENCES contacts (id),
    channel TEXT NOT NULL,
    expires_at BIGINT,
    created_at BIGINT NOT NULL,
    opened_at BIGINT
);
CREATE INDEX invitations_survey ON invitations (survey_id, created_at);
CREATE INDEX invitations_contact ON invitations (contact_id);

-- One response per invitation: answering again edits it. Ids start with the
-- creation time, so new rows and their answers append to the id indexes.
CREATE TABLE responses (
    id TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL REFERENCES surveys (id),
    survey_version INTEGER NOT NULL,
    invitation_id TEXT NOT NULL UNIQUE REFERENCES invitations (id),
    contact_id TEXT REFERENCES contacts (id),
    channel TEXT NOT NULL,
    locale TEXT NOT NULL,
    answers TEXT NOT NULL,
    complete INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX responses_survey_created ON responses (survey_id, created_at, id);
CREATE INDEX responses_contact ON responses (contact_id);

-- Answers one row per question (one per option for multi_choice) so reports
-- aggregate in SQL. `day` is the UTC day of created_at (created_at / 86400000):
-- the score index is ordered by it, so grouping by day reads the index in order
-- instead of sorting, and a date range is a seek. Rows without a score (texts,
-- choices) stay out of it.
CREATE TABLE answers (
    response_id TEXT NOT NULL REFERENCES responses (id),
    survey_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    day BIGINT NOT NULL,
    score INTEGER,
    choice TEXT,
    text_value TEXT
);
CREATE INDEX answers_response ON answers (response_id);
CREATE INDEX answers_scores ON answers (survey_id, day, question_id, score, created_at) WHERE score IS NOT NULL;
