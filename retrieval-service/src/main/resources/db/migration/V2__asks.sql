-- One row per answered ask: what it cost and how it was answered, written in the same transaction as its usage
-- event (outbox), so the two never disagree. Billing holds the money; this is retrieval's own account of answers.

CREATE TABLE asks (
    id             uuid PRIMARY KEY,
    user_id        text        NOT NULL,
    request_id     text,
    mode           text        NOT NULL CHECK (mode IN ('generative', 'extractive')),
    language       text        NOT NULL,
    model          text        NOT NULL,
    reservation_id uuid,
    input_tokens   integer     NOT NULL CHECK (input_tokens >= 0),
    output_tokens  integer     NOT NULL CHECK (output_tokens >= 0),
    credits        bigint      NOT NULL CHECK (credits >= 0),
    fallback       text,
    grounded       boolean,
    language_ok    boolean,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX asks_user_created ON asks (user_id, created_at DESC);
