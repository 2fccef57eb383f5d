package mr.bacmr.billing.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import mr.bacmr.billing.config.BillingConfig;
import mr.bacmr.billing.domain.ReservationExpirer;
import mr.bacmr.billing.domain.ReservationService;
import mr.bacmr.billing.domain.ReserveCommand;
import mr.bacmr.billing.events.BillingEvents;
import mr.bacmr.billing.store.BillingTransactions;
import mr.bacmr.billing.store.DbCaller;
import mr.bacmr.billing.store.ReservationStore;
import mr.bacmr.billing.store.WalletStore;
import mr.bacmr.common.outbox.OutboxWriter;
import mr.bacmr.testing.TestPostgres;

/**
 * The same reserve+finalize pairs as the HTTP load, but calling {@link ReservationService} in this JVM: the service's
 * own classes (transactions with the RLS caller binding, the two statements per operation, the stored idempotent
 * responses, metrics) on a reactive PostgreSQL pool sized and configured as the service's (16 connections as the
 * non-owner app role, prepared statements cached). Everything but HTTP, JWT, JSON request parsing and validation,
 * so the figure says what the ledger design costs the database, apart from the web stack sharing the two cores.
 */
final class InProcessLoad implements AutoCloseable {

    private static final int POOL_SIZE = 16; // quarkus.datasource.reactive.max-size (BACMR_DB_POOL_SIZE) default
    private static final String APP_ROLE = "bacmr_billing_app";
    private static final DbCaller CALLER = DbCaller.service("bench-client");

    private final Vertx vertx;
    private final io.vertx.mutiny.sqlclient.Pool pool;
    private final ReservationService reservations;

    InProcessLoad(String database) {
        vertx = Vertx.vertx();
        PgConnectOptions connect = new PgConnectOptions().setHost(TestPostgres.host()).setPort(TestPostgres.port())
                .setDatabase(database).setUser(APP_ROLE).setPassword("").setCachePreparedStatements(true);
        pool = io.vertx.mutiny.sqlclient.Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(POOL_SIZE)).connectingTo(connect).using(vertx.getDelegate()).build());
        // As the service's Quarkus mapper writes them (microprofile-config.properties: snake_case, ISO dates).
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        BillingEvents events = new BillingEvents(new OutboxWriter(mapper), mapper, "billing-service");
        ReservationStore store = new ReservationStore();
        reservations = new ReservationService(new BillingTransactions(pool), store,
                new ReservationExpirer(new WalletStore(), store, events), events, mapper, new BenchConfig(),
                new SimpleMeterRegistry());
    }

    /** {@code users.size()} concurrent loops, each on its own wallet: reserve 10, finalize 7, until the deadline. */
    BillingBenchmark.Result run(List<String> users, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();
        List<CompletableFuture<Loop>> loops = new ArrayList<>();
        for (String user : users) {
            Loop loop = new Loop(user, deadline);
            loop.next();
            loops.add(loop.done);
        }
        List<Long> all = new ArrayList<>();
        long errors = 0;
        for (CompletableFuture<Loop> done : loops) {
            Loop loop = done.get(seconds + 60L, TimeUnit.SECONDS);
            errors += loop.errors;
            all.addAll(loop.latencies);
            if (loop.firstError != null) {
                System.out.println("in-process error: " + loop.firstError);
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new BillingBenchmark.Result(sorted.length, elapsed, errors, BillingBenchmark.percentile(sorted, 0.50),
                BillingBenchmark.percentile(sorted, 0.99));
    }

    /** One client: the next pair starts when the previous one has committed (a closed loop, like the HTTP clients). */
    private final class Loop {
        final String user;
        final long deadline;
        final List<Long> latencies = new ArrayList<>();
        final CompletableFuture<Loop> done = new CompletableFuture<>();
        long errors;
        Throwable firstError;

        Loop(String user, long deadline) {
            this.user = user;
            this.deadline = deadline;
        }

        void next() {
            if (System.nanoTime() >= deadline) {
                done.complete(this);
                return;
            }
            long t0 = System.nanoTime();
            ReserveCommand command = new ReserveCommand(user, 10, "bench", UUID.randomUUID().toString(), null,
                    UUID.randomUUID().toString());
            reservations.reserve(CALLER, command)
                    .chain(reserved -> reservations.finalize(CALLER, reserved.reservationId(), 7, null))
                    .subscribe().with(finalized -> {
                        latencies.add(System.nanoTime() - t0);
                        next();
                    }, failure -> {
                        errors++;
                        if (firstError == null) {
                            firstError = failure;
                        }
                        next();
                    });
        }
    }

    @Override
    public void close() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    /** The service's defaults, as application.properties sets them for the benchmark (wallet.low off). */
    private static final class BenchConfig implements BillingConfig {
        @Override
        public int recentEntries() {
            return 10;
        }

        @Override
        public long walletLowThreshold() {
            return 0; // BACMR_WALLET_LOW_THRESHOLD=0, as the packaged service gets in the benchmark
        }

        @Override
        public Reservations reservations() {
            return new Reservations() {
                @Override
                public Duration defaultTtl() {
                    return Duration.ofMinutes(5);
                }

                @Override
                public Duration sweepInterval() {
                    return Duration.ofSeconds(2);
                }

                @Override
                public int sweepBatchSize() {
                    return 500;
                }

                @Override
                public boolean sweeperEnabled() {
                    return false;
                }
            };
        }

        @Override
        public Reconciliation reconciliation() {
            return new Reconciliation() {
                @Override
                public boolean scheduled() {
                    return false;
                }

                @Override
                public Duration every() {
                    return Duration.ofHours(1);
                }
            };
        }

        @Override
        public Db db() {
            return new Db() {
                @Override
                public String appUser() {
                    return APP_ROLE;
                }

                @Override
                public Optional<String> appPassword() {
                    return Optional.empty();
                }
            };
        }
    }
}
