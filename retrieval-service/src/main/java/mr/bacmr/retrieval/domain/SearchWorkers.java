package mr.bacmr.retrieval.domain;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads searches run on: a fixed pool, one thread per core by default, behind one FIFO queue. A search is
 * about a millisecond of CPU (BM25, HNSW, snippets); on the shared worker pool (20+ threads) concurrent searches
 * time-slice on the cores, so each takes as long as the slowest around it and the tail widens, while here they
 * queue in arrival order and each runs to completion on a core.
 */
public final class SearchWorkers implements AutoCloseable {

    private final ExecutorService executor;
    private final int threads;

    public SearchWorkers(int threads) {
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> new SearchThread(runnable, "bacmr-search-" + count.incrementAndGet());
        this.executor = Executors.newFixedThreadPool(this.threads, factory);
    }

    public ExecutorService executor() {
        return executor;
    }

    public int threads() {
        return threads;
    }

    /** Whether the calling thread is a search thread (so the next step may run in place instead of queueing again). */
    public static boolean onSearchThread() {
        return Thread.currentThread() instanceof SearchThread;
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
