package mr.bacmr.retrieval.index;

import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

import mr.bacmr.retrieval.domain.SearchFilters;

/** Lucene queries for the lexical list and for the filters both lists share. */
public final class IndexQueries {

    private final QueryBuilder builder;

    public IndexQueries(Analyzer analyzer) {
        this.builder = new QueryBuilder(analyzer);
    }

    /**
     * The query text analysed into the text field of the filtered language, or of every language when none is given.
     * Each chunk has exactly one text field, so a plain disjunction over the fields scores a chunk by its own language
     * alone (sum = max), and unlike a {@code DisjunctionMaxQuery} it flattens into one top-level disjunction that
     * skips non-competitive blocks (2.5× faster on the 100k benchmark index). Null when the text has no searchable
     * term (only stop words).
     */
    public Query text(String text, String language) {
        List<String> fields = language == null
                ? IndexAnalyzers.TEXT_FIELDS
                : List.of(IndexAnalyzers.textField(language));
        List<Query> perField = new ArrayList<>();
        for (String field : fields) {
            Query query = builder.createBooleanQuery(field, text, BooleanClause.Occur.SHOULD);
            if (query != null) {
                perField.add(query);
            }
        }
        if (perField.isEmpty()) {
            return null;
        }
        if (perField.size() == 1) {
            return perField.get(0);
        }
        BooleanQuery.Builder anyField = new BooleanQuery.Builder();
        perField.forEach(query -> anyField.add(query, BooleanClause.Occur.SHOULD));
        return anyField.build();
    }

    /** The filters as one query (null when there are none); the fields exist on parents and children alike. */
    static Query filter(SearchFilters filters) {
        if (filters == null || filters.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        addTerm(all, ChunkDocuments.SUBJECT, filters.subject());
        addTerm(all, ChunkDocuments.LEVEL, filters.level());
        addTerm(all, ChunkDocuments.LANGUAGE, filters.language());
        addTerm(all, ChunkDocuments.DOCUMENT, filters.documentId() == null ? null : filters.documentId().toString());
        return all.build();
    }

    private static void addTerm(BooleanQuery.Builder all, String field, String value) {
        if (value != null) {
            all.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
        }
    }
}
