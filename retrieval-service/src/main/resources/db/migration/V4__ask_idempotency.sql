-- A client's Idempotency-Key on POST /v1/ask: a retried ask (a timeout, a dropped connection) gets the first answer
-- back instead of being answered and charged again. A row without a response is an ask in flight; a failed ask
-- deletes its row (it charged nothing), so the key can be retried. Rows are purged after 24 h.

CREATE TABLE ask_idempotency (
    user_id      text        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    response     jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

CREATE INDEX ask_idempotency_created ON ask_idempotency (created_at);
