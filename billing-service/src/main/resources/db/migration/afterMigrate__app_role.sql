-- Runs after every migrate (a Flyway callback), so a fresh database, a new table or a new app role always gets its
-- grants. The app role is the non-owner role the service connects as (BACMR_DB_APP_USER); roles are cluster-wide,
-- so creating it is idempotent and tolerates another database's migration creating it at the same moment. An
-- existing role is never altered: where operators manage it (with its password), the migration only grants.
-- The password placeholder carries a 'pw:' prefix because an empty configuration value counts as unset.

DO $app_role$
DECLARE
    app_user constant text := '${app_user}';
    app_password constant text := substr($secret$${app_password}$secret$, 4);
BEGIN
    IF app_user !~ '^[a-z_][a-z0-9_]{0,62}$' THEN
        RAISE EXCEPTION 'app role name % is not a plain lower-case identifier', app_user;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_user) THEN
        BEGIN
            IF app_password = '' THEN
                EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS', app_user);
            ELSE
                EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L',
                               app_user, app_password);
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- created concurrently by another database's migration
        END;
    END IF;
END
$app_role$;

GRANT SELECT, INSERT, UPDATE ON wallets TO ${app_user};
GRANT SELECT, INSERT ON ledger_entries TO ${app_user};
GRANT USAGE ON SEQUENCE ledger_entries_id_seq TO ${app_user};
GRANT SELECT, INSERT, UPDATE ON reservations TO ${app_user};
GRANT SELECT, INSERT ON idempotent_responses TO ${app_user};
GRANT SELECT, INSERT ON usage_records TO ${app_user};
GRANT SELECT, INSERT, UPDATE ON usage_daily TO ${app_user};
GRANT SELECT, INSERT ON reconciliation_runs TO ${app_user};
GRANT SELECT, INSERT ON reconciliation_drifts TO ${app_user};
GRANT USAGE ON SEQUENCE reconciliation_drifts_id_seq TO ${app_user};
GRANT SELECT, INSERT, UPDATE ON outbox TO ${app_user};
GRANT USAGE ON SEQUENCE outbox_seq_seq TO ${app_user};
GRANT SELECT, INSERT ON processed_events TO ${app_user};
