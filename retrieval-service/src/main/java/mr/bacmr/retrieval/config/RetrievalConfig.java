package mr.bacmr.retrieval.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

import mr.bacmr.retrieval.index.VectorStorage;

/** Everything an operator can tune in the retrieval service's search path. */
@ConfigMapping(prefix = "bacmr.retrieval")
public interface RetrievalConfig {

    Index index();

    Search search();

    TextCache textCache();

    Rerank rerank();

    interface Index {
        /** Directory of this replica's Lucene index (env BACMR_INDEX_PATH); created when missing. */
        String path();

        /** Longest time between a write and the searchers seeing it. */
        @WithDefault("500ms")
        Duration refresh();

        /** How often consumed events and their offsets are committed together (and on shutdown). */
        @WithDefault("5s")
        Duration commitInterval();

        /**
         * Kafka group id prefix; the replica's host name is appended, so every replica reads the whole topic. The
         * group is only for observing lag: partitions are assigned by the service and positions come from the index.
         */
        @WithDefault("retrieval-index")
        String groupPrefix();

        /** Whether this replica consumes chunk events (off for tools that only read an index). */
        @WithDefault("true")
        boolean consumerEnabled();

        /** Lucene's indexing buffer. */
        @WithDefault("64")
        int ramBufferMb();

        /**
         * How the HNSW vectors are kept: int8 (a quarter of the memory, hits rescored exactly) or float32; applies to
         * segments written from then on.
         */
        @WithDefault("int8")
        VectorStorage vectors();
    }

    interface Search {
        /** BM25 candidates fused. */
        @WithDefault("50")
        int lexicalCandidates();

        /** kNN candidates fused. */
        @WithDefault("50")
        int vectorCandidates();

        /** The k of reciprocal rank fusion. */
        @WithDefault("60")
        int rrfK();

        /** Weight of the vector list in the fusion for queries not mostly in Arabic script (1 = plain RRF). */
        @WithDefault("1.0")
        double vectorWeight();

        /**
         * Weight of the vector list for Arabic-script queries; 0 (BM25 only) because the bundled model's Arabic vectors
         * are measured to hurt (docs/benchmarks.md). Set 1 with a multilingual embedding model.
         */
        @WithDefault("0.0")
        double arabicVectorWeight();

        /**
         * Threads that run searches (Lucene, snippets); 0 = one per available processor. Searches are CPU work: more
         * threads than cores only time-slice them, which stretches every search and widens the latency tail, while a
         * FIFO queue in front of one thread per core serves them in arrival order.
         */
        @WithDefault("0")
        int threads();

        /**
         * Searches that may wait for a search thread; beyond that a search is refused at once with a 503 problem
         * ({@code search-overloaded}, Retry-After 1) rather than queued behind seconds of work.
         */
        @WithDefault("512")
        int queue();

        /** Query vectors kept for repeated queries. */
        @WithDefault("10000")
        long queryVectorCacheSize();
    }

    interface TextCache {
        /** How long canonical chunk text is kept (S11). */
        @WithDefault("1h")
        Duration ttl();

        /** Chunk texts kept at most (least recently/frequently used go first). */
        @WithDefault("20000")
        long maxEntries();
    }

    interface Rerank {
        /**
         * {@code local} (a lexical-proximity scorer over the candidates) or {@code llm} (an OpenAI-compatible chat
         * model grading the candidates, settings below).
         */
        @WithDefault("local")
        String provider();

        /** Fused candidates the reranker orders. */
        @WithDefault("30")
        int depth();

        /** How long a reranking is reused for the same query and candidates (S10). */
        @WithDefault("15m")
        Duration cacheTtl();

        @WithDefault("10000")
        long cacheMaxEntries();

        Llm llm();

        interface Llm {
            /** OpenAI-compatible base URL, e.g. https://api.openai.com/v1. */
            Optional<String> baseUrl();

            Optional<String> apiKey();

            @WithDefault("gpt-4o-mini")
            String model();

            @WithDefault("10s")
            Duration timeout();
        }
    }

}
