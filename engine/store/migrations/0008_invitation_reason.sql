-- Why an invitation stopped accepting answers before it expired: 'contact_erased'
-- once its contact was erased. NULL while it can be answered.
ALTER TABLE invitations ADD COLUMN reason TEXT;
