package mr.bacmr.retrieval.domain;

/**
 * One retrieval against the index: the query text for BM25 (null to skip the lexical list) and its vector for kNN
 * (null to skip the vector list), both under the same filters.
 */
public record IndexQuery(String text, float[] vector, SearchFilters filters, int lexicalK, int vectorK) {
}
