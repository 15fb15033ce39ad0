-- Webhook subscriptions (docs/campaigns.md): where to POST which event types,
-- with filters. The signing secret is kept to sign with (receivers verify it);
-- during a rotation the previous one signs too until previous_secret_until.
-- status: active, disabled (the receiver answered 410, with disabled_reason),
-- deleted (kept for its delivery log).
CREATE TABLE webhook_subscriptions (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    filters TEXT NOT NULL,
    description TEXT,
    secret TEXT NOT NULL,
    previous_secret TEXT,
    previous_secret_until BIGINT,
    status TEXT NOT NULL,
    disabled_reason TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX webhook_subscriptions_created ON webhook_subscriptions (created_at, id);
