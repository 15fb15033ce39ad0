-- Campaigns (docs/campaigns.md): a survey sent through a channel when a trigger
-- fires. `definition` is the campaign as the API returns it; the columns beside
-- it are what lookups need: the active campaigns an event name triggers.
CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    survey_id TEXT NOT NULL REFERENCES surveys (id),
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    trigger_type TEXT NOT NULL,
    trigger_event TEXT,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX campaigns_created ON campaigns (created_at, id);
CREATE INDEX campaigns_trigger ON campaigns (trigger_event, status);

-- Where a campaign invitation's delivery stands: scheduled, sent, delivered, or
-- ended skipped, cancelled, failed or expired with `reason`. NULL for
-- invitations made directly (POST /v1/invitations), which are never delivered.
-- `trigger_key` names the trigger firing that made it (campaign, contact and
-- occurrence), unique so the same firing seen twice, by a retried event or two
-- processes, makes one invitation.
ALTER TABLE invitations ADD COLUMN state TEXT;
ALTER TABLE invitations ADD COLUMN due_at BIGINT;
ALTER TABLE invitations ADD COLUMN sent_at BIGINT;
ALTER TABLE invitations ADD COLUMN delivered_at BIGINT;
ALTER TABLE invitations ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invitations ADD COLUMN trigger_key TEXT;
CREATE UNIQUE INDEX invitations_trigger ON invitations (trigger_key);
UPDATE invitations SET state = 'cancelled' WHERE reason IS NOT NULL;

-- When the contact unsubscribed from surveys (no campaign invites them after),
-- and a counter bumped under the row lock that serialises fatigue checks: two
-- triggers firing for one contact at once, in two processes, take turns.
ALTER TABLE contacts ADD COLUMN unsubscribed_at BIGINT;
ALTER TABLE contacts ADD COLUMN survey_guard BIGINT NOT NULL DEFAULT 0;

-- Instance settings as JSON documents by name ("fatigue").
CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
