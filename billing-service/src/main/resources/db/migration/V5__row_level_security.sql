-- Row-level security (S8). The service connects as a non-owner role (afterMigrate__app_role.sql) and sets the
-- caller at the start of every transaction: set_config('app.user_id', …, true), set_config('app.role', …, true).
-- Students and teachers see their own rows only; admins and the service itself have explicit policies. Unset
-- settings read as NULL or '' and match nothing, so a connection that forgot to say who it is sees no rows.
-- FORCE applies the policies to the table owner too (superusers still bypass them, as Flyway does in tests).

ALTER TABLE wallets ENABLE ROW LEVEL SECURITY;
ALTER TABLE wallets FORCE ROW LEVEL SECURITY;
CREATE POLICY wallets_owner_reads ON wallets FOR SELECT
    USING (user_id = current_setting('app.user_id', true));
CREATE POLICY wallets_service ON wallets FOR ALL
    USING (current_setting('app.role', true) = 'service') WITH CHECK (current_setting('app.role', true) = 'service');
CREATE POLICY wallets_admin ON wallets FOR ALL
    USING (current_setting('app.role', true) = 'admin') WITH CHECK (current_setting('app.role', true) = 'admin');

-- The ledger is append-only for everyone: no UPDATE or DELETE policies or grants (and V1's trigger refuses both).
ALTER TABLE ledger_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_owner_reads ON ledger_entries FOR SELECT
    USING (user_id = current_setting('app.user_id', true));
CREATE POLICY ledger_service_reads ON ledger_entries FOR SELECT
    USING (current_setting('app.role', true) IN ('service', 'admin'));
CREATE POLICY ledger_service_appends ON ledger_entries FOR INSERT
    WITH CHECK (current_setting('app.role', true) IN ('service', 'admin'));

ALTER TABLE reservations ENABLE ROW LEVEL SECURITY;
ALTER TABLE reservations FORCE ROW LEVEL SECURITY;
CREATE POLICY reservations_owner_reads ON reservations FOR SELECT
    USING (user_id = current_setting('app.user_id', true));
CREATE POLICY reservations_admin_reads ON reservations FOR SELECT
    USING (current_setting('app.role', true) = 'admin');
CREATE POLICY reservations_service ON reservations FOR ALL
    USING (current_setting('app.role', true) = 'service') WITH CHECK (current_setting('app.role', true) = 'service');

ALTER TABLE idempotent_responses ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotent_responses FORCE ROW LEVEL SECURITY;
CREATE POLICY idempotent_responses_service ON idempotent_responses FOR ALL
    USING (current_setting('app.role', true) = 'service') WITH CHECK (current_setting('app.role', true) = 'service');

ALTER TABLE usage_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_records FORCE ROW LEVEL SECURITY;
CREATE POLICY usage_records_owner_reads ON usage_records FOR SELECT
    USING (user_id = current_setting('app.user_id', true));
CREATE POLICY usage_records_admin_reads ON usage_records FOR SELECT
    USING (current_setting('app.role', true) = 'admin');
CREATE POLICY usage_records_service ON usage_records FOR ALL
    USING (current_setting('app.role', true) = 'service') WITH CHECK (current_setting('app.role', true) = 'service');

ALTER TABLE usage_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_daily FORCE ROW LEVEL SECURITY;
CREATE POLICY usage_daily_owner_reads ON usage_daily FOR SELECT
    USING (user_id = current_setting('app.user_id', true));
CREATE POLICY usage_daily_admin_reads ON usage_daily FOR SELECT
    USING (current_setting('app.role', true) = 'admin');
CREATE POLICY usage_daily_service ON usage_daily FOR ALL
    USING (current_setting('app.role', true) = 'service') WITH CHECK (current_setting('app.role', true) = 'service');

ALTER TABLE reconciliation_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE reconciliation_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY reconciliation_runs_operators ON reconciliation_runs FOR ALL
    USING (current_setting('app.role', true) IN ('service', 'admin'))
    WITH CHECK (current_setting('app.role', true) IN ('service', 'admin'));

ALTER TABLE reconciliation_drifts ENABLE ROW LEVEL SECURITY;
ALTER TABLE reconciliation_drifts FORCE ROW LEVEL SECURITY;
CREATE POLICY reconciliation_drifts_operators ON reconciliation_drifts FOR ALL
    USING (current_setting('app.role', true) IN ('service', 'admin'))
    WITH CHECK (current_setting('app.role', true) IN ('service', 'admin'));
