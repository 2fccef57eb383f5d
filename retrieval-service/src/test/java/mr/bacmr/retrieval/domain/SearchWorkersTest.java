package mr.bacmr.retrieval.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import mr.bacmr.common.web.ProblemException;

class SearchWorkersTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void workRunsOnASearchThreadAndFurtherStepsThereRunInPlace() {
        try (SearchWorkers workers = new SearchWorkers(2, 8, new SimpleMeterRegistry())) {
            String caller = Thread.currentThread().getName();
            List<String> threads = workers.run(() -> Thread.currentThread().getName())
                    .chain(first -> workers.run(() -> List.of(first, Thread.currentThread().getName())))
                    .await().atMost(WAIT);
            assertTrue(threads.get(0).startsWith("bacmr-search-"), threads.toString());
            assertNotEquals(caller, threads.get(0));
            assertEquals(threads.get(0), threads.get(1), "no second hop from a search thread");
            assertEquals(2, workers.threads());
        }
    }

    @Test
    void workSeesTheCallersVertxContextWhereTheRequestIdAndLogContextLive() throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try (SearchWorkers workers = new SearchWorkers(1, 8, new SimpleMeterRegistry())) {
            io.vertx.core.Context request = vertx.getOrCreateContext();
            CompletableFuture<List<Object>> seen = new CompletableFuture<>();
            request.runOnContext(ignored -> {
                request.put("request_id", "req-42");
                workers.run(() -> io.vertx.core.Vertx.currentContext().get("request_id"))
                        .map(inWork -> List.<Object>of(inWork, io.vertx.core.Vertx.currentContext().get("request_id"),
                                Thread.currentThread().getName()))
                        .subscribe().with(seen::complete, seen::completeExceptionally);
            });
            List<Object> values = seen.get(10, TimeUnit.SECONDS);
            assertEquals("req-42", values.get(0), "the work runs in the caller's context");
            assertEquals("req-42", values.get(1), "and so does what follows it");
            assertTrue(values.get(2).toString().startsWith("bacmr-search-"), values.toString());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void zeroThreadsMeansOnePerProcessor() {
        try (SearchWorkers workers = new SearchWorkers(0, 8, new SimpleMeterRegistry())) {
            assertEquals(Runtime.getRuntime().availableProcessors(), workers.threads());
        }
    }

    @Test
    void searchesWaitInArrivalOrderAndAFullQueueIsRefusedAtOnce() throws Exception {
        try (SearchWorkers workers = new SearchWorkers(1, 2, new SimpleMeterRegistry())) {
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> order = new CopyOnWriteArrayList<>();
            CompletableFuture<Integer> running = workers.run(() -> {
                busy.countDown();
                await(release);
                order.add(0);
                return 0;
            }).subscribeAsCompletionStage();
            assertTrue(busy.await(10, TimeUnit.SECONDS), "the only thread is busy");
            CompletableFuture<Integer> first = queued(workers, order, 1);
            CompletableFuture<Integer> second = queued(workers, order, 2);

            ProblemException refused = assertThrows(ProblemException.class,
                    () -> workers.run(() -> 3).await().atMost(WAIT));
            assertEquals(503, refused.status());
            assertEquals(SearchWorkers.OVERLOADED, refused.type());
            assertEquals("1", refused.headers().get("Retry-After"));

            release.countDown();
            assertEquals(0, running.get(10, TimeUnit.SECONDS));
            assertEquals(1, first.get(10, TimeUnit.SECONDS));
            assertEquals(2, second.get(10, TimeUnit.SECONDS));
            assertEquals(List.of(0, 1, 2), order, "first come, first served");
            assertEquals(4, workers.run(() -> 4).await().atMost(WAIT), "room again once the queue drained");
        }
    }

    @Test
    void eachSearchRecordsItsWaitForAThreadAndItsTimeOnIt() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (SearchWorkers workers = new SearchWorkers(1, 4, registry)) {
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            long start = System.nanoTime();
            CompletableFuture<Integer> holding = workers.run(() -> {
                busy.countDown();
                await(release);
                return 0;
            }).subscribeAsCompletionStage();
            assertTrue(busy.await(10, TimeUnit.SECONDS), "the only thread is busy");
            CompletableFuture<Integer> waiting = workers.run(() -> 1)
                    .chain(first -> workers.run(() -> first + 1))   // in place: the same search, not a second one
                    .subscribeAsCompletionStage();
            Awaitility.await().atMost(WAIT).until(() -> workers.executor().getQueue().size() == 1);
            // the search is queued by now and the holding one started before: both last at least until the release
            long queuedAt = System.nanoTime();
            Timer wait = registry.get("bacmr.search.queue.wait").timer();
            Timer run = registry.get("bacmr.search.run").timer();
            assertEquals(1, wait.count(), "only the holding search has left the queue");
            assertEquals(0, run.count(), "and none has finished");
            long releasedAt = System.nanoTime();
            release.countDown();
            assertEquals(0, holding.get(10, TimeUnit.SECONDS));
            assertEquals(2, waiting.get(10, TimeUnit.SECONDS));
            long holdingRan = System.nanoTime() - start;

            Awaitility.await().atMost(WAIT).until(() -> run.count() == 2);
            assertEquals(2, wait.count(), "one wait per queued search");
            assertTrue(wait.max(TimeUnit.NANOSECONDS) >= releasedAt - queuedAt,
                    "the queued search waited at least while the thread was held");
            assertTrue(run.max(TimeUnit.NANOSECONDS) >= releasedAt - queuedAt, "the holding search ran that long");
            assertTrue(run.max(TimeUnit.NANOSECONDS) <= holdingRan);
        }
    }

    @Test
    void aFailingSearchFailsItsUni() {
        try (SearchWorkers workers = new SearchWorkers(1, 2, new SimpleMeterRegistry())) {
            Uni<Object> failing = workers.run(() -> {
                throw new IllegalStateException("index closed");
            });
            IllegalStateException failure = assertThrows(IllegalStateException.class, () -> failing.await().atMost(WAIT));
            assertInstanceOf(IllegalStateException.class, failure);
            assertEquals("index closed", failure.getMessage());
        }
    }

    private static CompletableFuture<Integer> queued(SearchWorkers workers, List<Integer> order, int number) {
        return workers.run(() -> {
            order.add(number);
            return number;
        }).subscribeAsCompletionStage();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
