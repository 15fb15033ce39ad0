-- Lifecycle events the customer's product posts. `id` is the caller's
-- idempotency key: posting the same event again stores nothing new.
-- properties is the event's JSON object.
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    contact_id TEXT NOT NULL REFERENCES contacts (id),
    name TEXT NOT NULL,
    occurred_at BIGINT NOT NULL,
    properties TEXT NOT NULL,
    received_at BIGINT NOT NULL
);
-- The lifecycle report finds each contact's first start event by name, then
-- seeks that contact's milestones and interactions; erasing a contact deletes
-- its events by contact.
CREATE INDEX events_name ON events (name, contact_id, occurred_at);
CREATE INDEX events_contact ON events (contact_id, name, occurred_at);
