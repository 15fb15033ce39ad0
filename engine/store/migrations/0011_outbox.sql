-- The outbox (docs/campaigns.md): every send, reminder and webhook delivery is a
-- job with the time it is due. Workers claim due jobs in batches with a lease;
-- a job whose lease lapsed (its process died) is claimed again by any process.
-- Every attempt repeats `idempotency_key`: the webhook-id, the e-mail Message-ID.
-- state: pending (waiting for due_at), leased (a worker has it until
-- lease_until), done, failed (attempts exhausted or refused), cancelled.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    invitation_id TEXT,
    subscription_id TEXT,
    payload TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    state TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- Finding work reads only these partial indexes, from their first entry: a
-- million jobs due next month cost an idle engine one index probe per round.
CREATE INDEX jobs_due ON jobs (due_at) WHERE state = 'pending';
CREATE INDEX jobs_lease ON jobs (lease_until) WHERE state = 'leased';
CREATE INDEX jobs_invitation ON jobs (invitation_id);

-- Every attempt at a job, as the delivery log shows it.
CREATE TABLE delivery_attempts (
    id TEXT PRIMARY KEY,
    job_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    started_at BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    peer_status INTEGER,
    error TEXT
);
CREATE INDEX delivery_attempts_job ON delivery_attempts (job_id, attempt);
