-- Walks over every contact, a page per transaction, for a campaign (docs/campaigns.md):
-- a manual send (POST /v1/campaigns/{id}/send, kind `send`) and the scan that
-- schedules attribute_date and recurring triggers when a campaign is activated
-- or resumed (kind `scan`). Each page is an `audience_walk` job of the outbox;
-- `after_contact` is the last contact id walked, so a page claimed twice (a
-- lapsed lease) is walked once. status: running, done, stopped (the campaign
-- was paused, archived or its trigger changed), failed (a page failed for good).
-- One walk runs per campaign at a time.
CREATE TABLE audience_walks (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    after_contact TEXT NOT NULL,
    contacts_seen BIGINT NOT NULL DEFAULT 0,
    scheduled BIGINT NOT NULL DEFAULT 0,
    skipped BIGINT NOT NULL DEFAULT 0,
    started_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE UNIQUE INDEX audience_walks_running ON audience_walks (campaign_id) WHERE status = 'running';
CREATE INDEX audience_walks_campaign ON audience_walks (campaign_id, kind, started_at);
-- A contact upsert finds the active campaigns whose trigger reads its attributes
-- (attribute_date, recurring without a start event) by type.
CREATE INDEX campaigns_status_type ON campaigns (status, trigger_type);
