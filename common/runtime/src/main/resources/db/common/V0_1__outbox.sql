-- Transactional outbox and consumer dedupe, shared by every service (each in its own database).
-- Common migrations use versions 0.x so that they sort before every service's own V1+.

CREATE TABLE outbox (
    id           uuid PRIMARY KEY,              -- the event id; a tombstone gets a fresh one
    seq          bigserial NOT NULL UNIQUE,     -- publication order
    topic        text NOT NULL,
    msg_key      text,
    envelope     jsonb,                         -- NULL = tombstone on a compacted topic
    event_type   text NOT NULL,
    request_id   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    CONSTRAINT outbox_tombstone_has_key CHECK (envelope IS NOT NULL OR msg_key IS NOT NULL)
);

CREATE INDEX outbox_pending ON outbox (seq) WHERE published_at IS NULL;

CREATE TABLE processed_events (
    consumer     text NOT NULL,
    event_id     uuid NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
