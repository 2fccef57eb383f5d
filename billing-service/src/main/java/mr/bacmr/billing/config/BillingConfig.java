package mr.bacmr.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Everything an operator can tune in the billing service. */
@ConfigMapping(prefix = "bacmr.billing")
public interface BillingConfig {

    /** Ledger entries shown with {@code GET /v1/wallet}; the full history is paged at {@code /v1/wallet/ledger}. */
    @WithDefault("10")
    int recentEntries();

    /** A {@code wallet.low} event is published when a capture or debit takes available credits below this. */
    @WithDefault("100")
    long walletLowThreshold();

    Reservations reservations();

    Reconciliation reconciliation();

    Db db();

    interface Reservations {
        /** How long a reservation holds credits when the request gives no {@code ttl_s}. */
        @WithDefault("5m")
        Duration defaultTtl();

        /** How often the sweeper expires reservations past their {@code expires_at} (1 s to 5 s is sensible). */
        @WithDefault("2s")
        Duration sweepInterval();

        /** Reservations expired per sweeper transaction; a sweep runs batches until none is left. */
        @WithDefault("500")
        int sweepBatchSize();

        /** Whether this replica runs the sweeper (any number of replicas may: they skip each other's rows). */
        @WithDefault("true")
        boolean sweeperEnabled();
    }

    interface Reconciliation {
        /** Whether this replica runs the scheduled reconciliation (one replica at a time runs it anyway). */
        @WithDefault("true")
        boolean scheduled();

        /** Interval of the scheduled reconciliation. */
        @WithDefault("1h")
        Duration every();
    }

    interface Db {
        /** The non-owner role the service's connections use; the migration creates it when missing and grants it. */
        @WithDefault("bacmr_billing_app")
        String appUser();

        /** Its password (empty with trust or peer authentication). */
        Optional<String> appPassword();
    }
}
