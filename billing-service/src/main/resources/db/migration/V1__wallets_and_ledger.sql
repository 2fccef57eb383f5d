-- Wallets hold integer credits. The append-only ledger is the source of truth: balance == sum(ledger amounts).

CREATE TABLE wallets (
    user_id    text PRIMARY KEY,
    balance    bigint NOT NULL DEFAULT 0,
    held       bigint NOT NULL DEFAULT 0,
    version    bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT wallets_held_not_negative CHECK (held >= 0),
    CONSTRAINT wallets_available_not_negative CHECK (balance >= held)
);

CREATE TABLE ledger_entries (
    id            bigserial PRIMARY KEY,
    user_id       text NOT NULL REFERENCES wallets (user_id),
    kind          text NOT NULL CHECK (kind IN ('TOPUP', 'CAPTURE', 'USAGE_DEBIT', 'ADJUSTMENT')),
    amount        bigint NOT NULL CHECK (amount <> 0),
    balance_after bigint NOT NULL,
    reference     text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ledger_reference_unique UNIQUE (user_id, kind, reference)
);

CREATE INDEX ledger_entries_by_user ON ledger_entries (user_id, id DESC);

-- Append-only: history is corrected by new entries (ADJUSTMENT), never rewritten.
CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only';
END;
$$;

CREATE TRIGGER ledger_entries_no_update_or_delete
    BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
