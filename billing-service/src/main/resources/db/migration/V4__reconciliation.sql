-- Reconciliation (S18): each run recomputes balances and holds from the ledger and the reservations and records
-- what disagrees. Nothing here is ever corrected automatically.

CREATE TABLE reconciliation_runs (
    id                     uuid PRIMARY KEY,
    trigger                text NOT NULL CHECK (trigger IN ('SCHEDULED', 'MANUAL')),
    requested_by           text,
    started_at             timestamptz NOT NULL,
    finished_at            timestamptz NOT NULL,
    wallets_checked        bigint NOT NULL,
    reservations_checked   bigint NOT NULL,
    ledger_entries_checked bigint NOT NULL,
    drift_count            int NOT NULL
);

CREATE INDEX reconciliation_runs_latest ON reconciliation_runs (started_at DESC);

CREATE TABLE reconciliation_drifts (
    id             bigserial PRIMARY KEY,
    run_id         uuid NOT NULL REFERENCES reconciliation_runs (id),
    check_name     text NOT NULL,
    user_id        text,
    reservation_id uuid,
    ledger_entry_id bigint,
    expected       bigint,
    actual         bigint,
    detail         text NOT NULL
);

CREATE INDEX reconciliation_drifts_by_run ON reconciliation_drifts (run_id, id);
