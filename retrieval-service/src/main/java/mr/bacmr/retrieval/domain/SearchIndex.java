package mr.bacmr.retrieval.domain;

import java.util.List;

/**
 * The search index port. The local Lucene index materialised from {@code bacmr.ingestion.chunks} is its main
 * adapter (a later issue); until chunks flow, the empty index answers with no hits.
 */
public interface SearchIndex {

    List<SearchHit> search(String query, int topK);

    long size();
}
