-- The delivery log (docs/campaigns.md): each webhook job names the event type it
-- carries (survey.requested, response.completed, ...; NULL for send and reminder
-- jobs), and a subscription's deliveries are listed newest first by this index.
ALTER TABLE jobs ADD COLUMN event_type TEXT;
CREATE INDEX jobs_subscription ON jobs (subscription_id, created_at, id);
