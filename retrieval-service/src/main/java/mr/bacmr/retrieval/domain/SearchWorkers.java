package mr.bacmr.retrieval.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import mr.bacmr.common.web.ProblemException;
import mr.bacmr.common.web.ProblemType;

/**
 * The threads searches run on: a fixed pool, one thread per core by default, behind one bounded FIFO queue. A search
 * is about a millisecond of CPU (BM25, HNSW, snippets); on the shared worker pool (20+ threads) concurrent searches
 * time-sliced the cores, so each took as long as the slowest around it and the tail widened, while here they queue
 * in arrival order and each runs to completion on a core. A full queue answers 503 at once (with Retry-After)
 * instead of letting every waiting search grow late.
 * <p>
 * Two timers split a search's time on the replica (histograms, so dashboards can take percentiles): the wait for a
 * search thread ({@code bacmr_search_queue_wait_seconds}) and the time on it ({@code bacmr_search_run_seconds}: the
 * search and whatever follows it in place, snippets and JSON included). Under load nearly all latency is the wait: a
 * replica at its capacity, which more replicas cure and faster code only delays.
 */
public final class SearchWorkers implements AutoCloseable {

    public static final URI OVERLOADED = ProblemType.of("search-overloaded");

    private final ThreadPoolExecutor executor;
    private final int threads;
    private final Timer queueWait;
    private final Timer run;

    /** {@code threads} 0 = one per available processor; {@code queue} searches may wait for a thread. */
    public SearchWorkers(int threads, int queue, MeterRegistry registry) {
        this.queueWait = histogram("bacmr.search.queue.wait", "Time a search waited for a search thread", registry);
        this.run = histogram("bacmr.search.run", "Time a search ran on its search thread", registry);
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> new SearchThread(runnable, "bacmr-search-" + count.incrementAndGet());
        this.executor = new ThreadPoolExecutor(this.threads, this.threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(queue), factory);
    }

    /**
     * {@code work} on a search thread: in place when the caller already is one (each hop costs a queue hand-off and
     * a context switch), queued otherwise; a 503 problem when the queue is full.
     */
    public <T> Uni<T> run(Supplier<T> work) {
        if (Thread.currentThread() instanceof SearchThread) {
            return Uni.createFrom().item(work);
        }
        return Uni.createFrom().emitter(emitter -> {
            long queued = System.nanoTime();
            Runnable task = () -> {
                queueWait.record(System.nanoTime() - queued, TimeUnit.NANOSECONDS);
                run.record(() -> {
                    T result;
                    try {
                        result = work.get();
                    } catch (Throwable e) {
                        emitter.fail(e);
                        return;
                    }
                    emitter.complete(result);
                });
            };
            // the work and what follows it run inside the request's Vert.x context, as on Quarkus's worker pool:
            // the logging context (request id, forwarded to billing) and context locals live there
            Context caller = Vertx.currentContext();
            try {
                executor.execute(caller instanceof ContextInternal context ? () -> context.dispatch(task) : task);
            } catch (RejectedExecutionException e) {
                emitter.fail(new ProblemException(503, OVERLOADED, "Search overloaded",
                        "Too many searches are waiting on this replica; retry in a moment", Map.of("Retry-After", "1")));
            }
        });
    }

    private static Timer histogram(String name, String description, MeterRegistry registry) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))   // 100 µs
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    /** The executor, for its metrics. */
    public ThreadPoolExecutor executor() {
        return executor;
    }

    public int threads() {
        return threads;
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    private static final class SearchThread extends Thread {
        SearchThread(Runnable work, String name) {
            super(work, name);
            setDaemon(true);
        }
    }
}
