package mr.bacmr.retrieval.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import mr.bacmr.retrieval.client.QueryEmbedder;
import mr.bacmr.retrieval.config.RetrievalConfig;
import mr.bacmr.retrieval.index.Snippets;

/**
 * Hybrid search: the query's BM25 top-50 and kNN top-50 under the filters, fused by reciprocal rank, optionally
 * reranked on canonical text, with text and a highlighted snippet per hit. Tier caps are the API layer's business:
 * {@code topK} arrives capped. Degrades instead of failing: without a query vector it is lexical-only
 * ({@code vectorUnavailable}); without ingestion, hits come without text.
 */
@ApplicationScoped
public class SearchService {

    private final VectorIndex index;
    private final RankFusion fusion;
    private final QueryEmbedder embedder;
    private final ChunkTexts texts;
    private final Reranking reranking;
    private final VectorWeights weights;
    private final Snippets snippets;
    private final int lexicalK;
    private final int vectorK;
    private final int rerankDepth;
    private final SearchWorkers workers;

    public SearchService(VectorIndex index, RankFusion fusion, QueryEmbedder embedder, ChunkTexts texts,
                         Reranking reranking, VectorWeights weights, SearchWorkers workers, RetrievalConfig config,
                         MeterRegistry registry) {
        this.workers = workers;
        this.weights = weights;
        this.index = index;
        this.fusion = fusion;
        this.embedder = embedder;
        this.texts = texts;
        this.reranking = reranking;
        this.lexicalK = config.search().lexicalCandidates();
        this.vectorK = config.search().vectorCandidates();
        this.rerankDepth = config.rerank().depth();
        // analysed texts live as long as the texts they come from
        this.snippets = new Snippets(config.textCache().maxEntries(), config.textCache().ttl());
        CaffeineCacheMetrics.monitor(registry, snippets.cache(), "analysed_texts");
    }

    public Uni<SearchResult> search(SearchQuery query) {
        int depth = query.rerank() ? Math.max(query.topK(), rerankDepth) : query.topK();
        double vectorWeight = weights.forQuery(query.text());
        Uni<float[]> vector = vectorWeight > 0 ? embedder.embed(query.text()) : Uni.createFrom().nullItem();
        return vector
                .chain(v -> onSearchThread(() -> new Retrieved(index.hybrid(
                        new IndexQuery(query.text(), v, query.filters(), lexicalK, vectorK), fusion, depth, vectorWeight),
                        v == null && vectorWeight > 0)))
                .chain(retrieved -> texts.texts(ids(retrieved.fused()))
                        .chain(textById -> order(query, retrieved.fused(), textById)
                                .chain(outcome -> onSearchThread(() -> new SearchResult(
                                        hits(query, outcome.order(), textById), outcome.reranked(),
                                        retrieved.vectorUnavailable())))));
    }

    /** Lucene and analysis run on the search threads, never on the event loop. */
    private <T> Uni<T> onSearchThread(Supplier<T> work) {
        return workers.run(work);
    }

    private record Retrieved(List<IndexMatch> fused, boolean vectorUnavailable) {
    }

    private Uni<Reranking.Outcome> order(SearchQuery query, List<IndexMatch> fused, Map<String, String> textById) {
        return query.rerank() ? reranking.rerank(query.text(), fused, textById)
                : Uni.createFrom().item(new Reranking.Outcome(fused, false));
    }

    private List<SearchHit> hits(SearchQuery query, List<IndexMatch> ordered, Map<String, String> textById) {
        List<SearchHit> hits = new ArrayList<>(Math.min(query.topK(), ordered.size()));
        Snippets.QuerySnippets snippetsOfQuery = snippets.forQuery(query.text());
        for (IndexMatch match : ordered.subList(0, Math.min(query.topK(), ordered.size()))) {
            String text = textById.get(match.chunkId());
            hits.add(new SearchHit(match.chunkId(), match.documentId(), match.title(), match.page(), match.language(),
                    match.score(), text, snippetsOfQuery.snippet(match.chunkId(), text, match.language()),
                    match.tokenCount()));
        }
        return hits;
    }

    private static List<String> ids(List<IndexMatch> matches) {
        return matches.stream().map(IndexMatch::chunkId).toList();
    }
}
