-- cancel_on (docs/campaigns.md): which event names cancel a campaign's pending
-- invitations, found by event name as events arrive; and when the trigger that
-- made an invitation happened (the event's occurred_at), since a cancelling
-- event cancels only invitations whose trigger happened before it.
CREATE TABLE campaign_cancel_events (
    event_name TEXT NOT NULL,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    PRIMARY KEY (event_name, campaign_id)
);
ALTER TABLE invitations ADD COLUMN triggered_at BIGINT;
