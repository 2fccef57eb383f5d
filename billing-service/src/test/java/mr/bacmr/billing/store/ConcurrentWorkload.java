package mr.bacmr.billing.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import mr.bacmr.billing.store.BillingOperations.Reply;

/**
 * A random workload in the spirit of TigerBeetle's VOPR: many clients at once reserve, finalize, release, retry with
 * the same keys and race each other on the same reservations, with most traffic on a few hot wallets, while a
 * sweeper expires short holds. Every call and answer is recorded, so an auditor can recompute the expected state
 * from the replies alone and compare it with the database.
 */
final class ConcurrentWorkload {

    static final long SEED_CREDITS = 300;
    /**
     * Hot wallets start nearly dry: with several clients holding up to 80 credits each on one of them at once, reserves
     * must run into the available-credits check under contention on every run, not only when timing happens to help.
     */
    static final long HOT_SEED_CREDITS = 40;
    static final long TOP_UP_CREDITS = 200;

    /** One call and its answer; {@code reservation} is the id it concerned (null for top-ups and refused reserves). */
    record Call(String op, String user, String reservation, String key, long amount, Reply reply) {
    }

    private final BillingOperations ops;
    private final List<String> users;
    private final int hotUsers;
    private final int clients;
    private final int targetCalls;
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger callCount = new AtomicInteger();
    private final Queue<String> sweepFailures = new ConcurrentLinkedQueue<>();

    ConcurrentWorkload(BillingOperations ops, int users, int hotUsers, int clients, int targetCalls) {
        this.ops = ops;
        this.users = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < users; i++) {
            this.users.add("race-" + run + "-" + i);
        }
        this.hotUsers = hotUsers;
        this.clients = clients;
        this.targetCalls = targetCalls;
    }

    List<String> users() {
        return users;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Funds every wallet, then runs the clients until the target number of calls, with {@code sweep} every 50 ms. */
    void run(Runnable sweep, long seed) throws Exception {
        for (int u = 0; u < users.size(); u++) {
            String user = users.get(u);
            long credits = u < hotUsers ? HOT_SEED_CREDITS : SEED_CREDITS;
            record("topup", user, null, null, credits, ops.topUp(user, credits, "seed-" + user));
        }
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor();
        ExecutorService clientThreads = Executors.newFixedThreadPool(clients);
        ExecutorService racers = Executors.newCachedThreadPool();
        try {
            sweeper.scheduleWithFixedDelay(() -> {
                try {
                    sweep.run();
                } catch (RuntimeException e) {
                    sweepFailures.add(e.toString()); // a failing sweep (a deadlock, say) is a finding, not noise
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Random random = new Random(seed * 31 + c);
                running.add(CompletableFuture.runAsync(() -> {
                    while (callCount.get() < targetCalls) {
                        story(random, racers);
                    }
                }, clientThreads));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } finally {
            sweeper.shutdown();
            sweeper.awaitTermination(1, TimeUnit.MINUTES);
            clientThreads.shutdownNow();
            racers.shutdownNow();
        }
    }

    private void story(Random random, ExecutorService racers) {
        String user = random.nextInt(100) < 60 ? users.get(random.nextInt(hotUsers)) : users.get(random.nextInt(users.size()));
        if (random.nextInt(100) < 8) {
            record("topup", user, null, null, TOP_UP_CREDITS, ops.topUp(user, TOP_UP_CREDITS, "pay-" + UUID.randomUUID()));
            return;
        }
        long amount = 1 + random.nextInt(80);
        int ttl = random.nextInt(100) < 25 ? 1 : 30;
        String key = "key-" + UUID.randomUUID();
        Reply reserved = reserve(user, amount, key, ttl);
        if (random.nextInt(100) < 20) {
            reserve(user, amount, key, ttl); // the client retries: same key, same parameters
        }
        if (!reserved.ok()) {
            return;
        }
        String id = reserved.body().get("id").asText();
        int plan = random.nextInt(100);
        String finalizeKey = random.nextBoolean() ? "finalize:" + id : null;
        long actual = random.nextInt((int) amount + 1);
        if (plan < 40) {
            finalize(user, id, actual, finalizeKey);
            if (finalizeKey != null && random.nextInt(100) < 30) {
                finalize(user, id, actual, finalizeKey); // retried with its key: a replay
            }
        } else if (plan < 55) {
            // Two resolutions of one reservation at the same moment: exactly one may win.
            CompletableFuture<Void> rival = CompletableFuture.runAsync(() -> release(user, id, null), racers);
            finalize(user, id, actual, finalizeKey);
            rival.join();
        } else if (plan < 65) {
            // The same finalize sent twice at once with one key: both answer the one outcome.
            String sameKey = "finalize:" + id;
            CompletableFuture<Void> twin = CompletableFuture.runAsync(() -> finalize(user, id, actual, sameKey), racers);
            finalize(user, id, actual, sameKey);
            twin.join();
        } else if (plan < 85) {
            release(user, id, random.nextBoolean() ? "release:" + id : null);
        } else if (plan < 90) {
            finalize(user, id, amount + 1, null); // refused: more than reserved; the hold stays
        }
        // else: left alone, to be expired by the sweeper (ttl 1 s) or to stay pending (ttl 30 s)
    }

    private Reply reserve(String user, long amount, String key, int ttl) {
        Reply reply = ops.reserve(user, amount, key, ttl);
        record("reserve", user, reply.ok() ? reply.body().get("id").asText() : null, key, amount, reply);
        return reply;
    }

    private void finalize(String user, String id, long actual, String key) {
        record("finalize", user, id, key, actual, ops.finalize(id, actual, key));
    }

    private void release(String user, String id, String key) {
        record("release", user, id, key, 0, ops.release(id, key));
    }

    private void record(String op, String user, String reservation, String key, long amount, Reply reply) {
        calls.add(new Call(op, user, reservation, key, amount, reply));
        callCount.incrementAndGet();
    }

    /**
     * What the replies alone say must be true of the stored state: every original success is one state change,
     * replays repeat it byte for byte, a reservation resolves at most once, and each balance is the seeded and
     * topped-up credits minus the captures the clients were told about.
     */
    List<String> auditReplies(Map<String, InvariantAuditor.StoredReservation> stored, Map<String, long[]> wallets,
                              boolean allowServerErrors) {
        List<String> violations = new ArrayList<>();
        if (!allowServerErrors) {
            sweepFailures.forEach(failure -> violations.add("sweep failed: " + failure));
        }
        Map<String, Long> expectedBalance = new HashMap<>();
        Map<String, String> bodyByKey = new HashMap<>();
        Map<String, Integer> resolutions = new HashMap<>();
        Set<String> reservations = new HashSet<>();
        for (Call call : calls) {
            Reply reply = call.reply();
            if (reply.status() >= 500 && !allowServerErrors) {
                violations.add("server error on " + call + ": " + reply.problem());
            }
            switch (call.op()) {
                case "topup" -> {
                    if (reply.status() == 201 && !reply.replayed()) {
                        expectedBalance.merge(call.user(), call.amount(), Long::sum);
                    }
                }
                case "reserve" -> {
                    if (reply.ok()) {
                        reservations.add(call.reservation());
                        String previous = bodyByKey.putIfAbsent(call.user() + "/" + call.key(), reply.rawBody());
                        if (previous != null && !previous.equals(reply.rawBody())) {
                            violations.add("key " + call.key() + " answered two different reservations");
                        }
                    } else if (reply.status() != 402) {
                        violations.add("reserve answered " + reply.status() + " " + reply.problem());
                    }
                }
                default -> {
                    if (reply.ok() && !reply.replayed()) {
                        resolutions.merge(call.reservation(), 1, Integer::sum);
                        String status = reply.body().get("status").asText();
                        long captured = reply.body().get("captured").asLong();
                        InvariantAuditor.StoredReservation row = stored.get(call.reservation());
                        if (row == null || !row.status().equals(status) || row.captured() != captured) {
                            violations.add(call.op() + " of " + call.reservation() + " answered " + status + "/"
                                    + captured + " but the database has " + row);
                        }
                        if ("finalize".equals(call.op())) {
                            expectedBalance.merge(call.user(), -captured, Long::sum);
                        }
                    } else if (reply.status() == 409 && "reservation-expired".equals(reply.problem())) {
                        InvariantAuditor.StoredReservation row = stored.get(call.reservation());
                        if (row == null || !row.status().equals("EXPIRED")) {
                            violations.add("told expired but the database has " + row);
                        }
                    } else if (!reply.ok() && reply.status() != 409 && reply.status() != 422) {
                        violations.add(call.op() + " answered " + reply.status() + " " + reply.problem());
                    }
                }
            }
        }
        resolutions.forEach((id, count) -> {
            if (count > 1) {
                violations.add("reservation " + id + " resolved " + count + " times");
            }
        });
        for (String id : reservations) {
            if (!stored.containsKey(id)) {
                violations.add("reservation " + id + " was answered but is not stored");
            }
        }
        for (String user : users) {
            long expected = expectedBalance.getOrDefault(user, 0L);
            long actual = wallets.getOrDefault(user, new long[] {0, 0})[0];
            if (expected != actual) {
                violations.add("balance of " + user + " is " + actual + "; the replies say " + expected);
            }
        }
        return violations;
    }
}
