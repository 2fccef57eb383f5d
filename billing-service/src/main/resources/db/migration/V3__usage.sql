-- Usage accounting from bacmr.usage: one row per usage (idempotent by usage_id, on top of the consumer's
-- processed_events by event id) and a per user, model and day aggregate.

CREATE TABLE usage_records (
    usage_id       uuid PRIMARY KEY,
    event_id       uuid NOT NULL,
    user_id        text NOT NULL,
    operation      text NOT NULL,
    model          text NOT NULL,
    input_tokens   bigint NOT NULL CHECK (input_tokens >= 0),
    output_tokens  bigint NOT NULL CHECK (output_tokens >= 0),
    credits        bigint NOT NULL CHECK (credits >= 0),
    reservation_id uuid,
    -- Usage without a reservation is debited now; what the wallet could not cover is recorded, never lost.
    debited        bigint NOT NULL DEFAULT 0 CHECK (debited >= 0),
    shortfall      bigint NOT NULL DEFAULT 0 CHECK (shortfall >= 0),
    occurred_at    timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT usage_debit_accounts_for_credits CHECK (
        debited + shortfall = CASE WHEN reservation_id IS NULL THEN credits ELSE 0 END)
);

CREATE INDEX usage_records_by_user ON usage_records (user_id, occurred_at DESC);
CREATE INDEX usage_records_with_shortfall ON usage_records (recorded_at) WHERE shortfall > 0;

CREATE TABLE usage_daily (
    user_id       text NOT NULL,
    day           date NOT NULL,
    model         text NOT NULL,
    events        bigint NOT NULL,
    input_tokens  bigint NOT NULL,
    output_tokens bigint NOT NULL,
    credits       bigint NOT NULL,
    shortfall     bigint NOT NULL,
    PRIMARY KEY (user_id, day, model)
);
