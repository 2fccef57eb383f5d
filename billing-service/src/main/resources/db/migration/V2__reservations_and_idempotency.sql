-- Two-phase reservations, after TigerBeetle's pending transfers: a hold that resolves at most once (finalize,
-- release or expiry), and Stripe-style stored responses for idempotent replays.

-- Signs by kind, so a capture can never credit a wallet; no entry leaves a wallet negative.
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_amount_sign CHECK (
    (kind = 'TOPUP' AND amount > 0) OR (kind IN ('CAPTURE', 'USAGE_DEBIT') AND amount < 0) OR kind = 'ADJUSTMENT');
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_balance_after_not_negative CHECK (balance_after >= 0);
-- A payment reference tops up one wallet, once.
CREATE UNIQUE INDEX ledger_topup_reference_unique ON ledger_entries (reference) WHERE kind = 'TOPUP';

CREATE TABLE reservations (
    id              uuid PRIMARY KEY,
    user_id         text NOT NULL REFERENCES wallets (user_id),
    idempotency_key text NOT NULL,
    amount          bigint NOT NULL CHECK (amount > 0),
    captured        bigint NOT NULL DEFAULT 0,
    status          text NOT NULL DEFAULT 'PENDING'
                        CHECK (status IN ('PENDING', 'FINALIZED', 'RELEASED', 'EXPIRED')),
    operation       text NOT NULL,
    request_id      text,
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    resolved_at     timestamptz,
    CONSTRAINT reservations_key_unique_per_user UNIQUE (user_id, idempotency_key),
    CONSTRAINT reservations_captured_within_amount CHECK (captured >= 0 AND captured <= amount),
    CONSTRAINT reservations_only_finalize_captures CHECK (status = 'FINALIZED' OR captured = 0),
    CONSTRAINT reservations_resolved_when_not_pending CHECK ((status = 'PENDING') = (resolved_at IS NULL)),
    CONSTRAINT reservations_expiry_after_creation CHECK (expires_at > created_at)
);

-- The sweeper's scan: only pending rows, by expiry. (Per-user lookups use the (user_id, idempotency_key) index.)
CREATE INDEX reservations_pending_by_expiry ON reservations (expires_at) WHERE status = 'PENDING';

-- A reservation leaves PENDING at most once and nothing else about it ever changes; rows are never deleted.
CREATE FUNCTION reservations_resolve_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'reservations are never deleted' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status <> 'PENDING' THEN
        RAISE EXCEPTION 'reservation % already left PENDING (it is %)', OLD.id, OLD.status
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.status = 'PENDING' THEN
        RAISE EXCEPTION 'reservation % may only change to leave PENDING', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.id <> OLD.id OR NEW.user_id <> OLD.user_id OR NEW.idempotency_key <> OLD.idempotency_key
        OR NEW.amount <> OLD.amount OR NEW.operation <> OLD.operation
        OR NEW.request_id IS DISTINCT FROM OLD.request_id OR NEW.expires_at <> OLD.expires_at
        OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'reservation % is immutable but for its resolution', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER reservations_leave_pending_once
    BEFORE UPDATE OR DELETE ON reservations
    FOR EACH ROW EXECUTE FUNCTION reservations_resolve_once();

-- The original response of a reserve, finalize or release made with an idempotency key, replayed byte for byte
-- (hence text, not jsonb, which would reorder keys) when the same key comes back with the same parameters.
CREATE TABLE idempotent_responses (
    user_id         text NOT NULL,
    scope           text NOT NULL CHECK (scope IN ('reserve', 'finalize', 'release')),
    idempotency_key text NOT NULL,
    request_hash    text NOT NULL,
    reservation_id  uuid NOT NULL REFERENCES reservations (id),
    status          int NOT NULL,
    body            text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, scope, idempotency_key)
);
