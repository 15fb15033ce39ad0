-- The campaign an invitation was sent for, so reports can filter and segment by it
-- and invitations can be listed per campaign.
ALTER TABLE invitations ADD COLUMN campaign_id TEXT;
CREATE INDEX invitations_campaign ON invitations (campaign_id, created_at);
