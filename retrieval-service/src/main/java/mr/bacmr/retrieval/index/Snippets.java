package mr.bacmr.retrieval.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.Locale;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * A highlighted snippet of a chunk's canonical text: Lucene's unified highlighter re-analyses the text with the
 * chunk language's analyser, so stemmed and folded forms of the query words are marked too, and picks the best
 * passage of about {@link #TARGET_CHARS} characters (cut at word boundaries) by BM25. The text is HTML-escaped and
 * matches wrapped in {@code <mark>}; a text without any query word gives its opening passage.
 */
public final class Snippets {

    public static final int TARGET_CHARS = 240;

    private final UnifiedHighlighter highlighter;
    private final IndexQueries queries;

    public Snippets() {
        Analyzer analyzer = IndexAnalyzers.perField();
        this.queries = new IndexQueries(analyzer);
        this.highlighter = UnifiedHighlighter.builderWithoutSearcher(analyzer)
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getWordInstance(Locale.ROOT), TARGET_CHARS, 0.5f))
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withMaxNoHighlightPassages(1)
                .withMaxLength(100_000)
                .build();
    }

    public String snippet(String query, String text, String language) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String field = IndexAnalyzers.textField(language);
        Query terms = queries.text(query, language);
        try {
            Object highlighted = terms == null ? null : highlighter.highlightWithoutSearcher(field, terms, text, 1);
            if (highlighted != null) {
                return highlighted.toString().strip();
            }
            return escape(text.length() <= TARGET_CHARS ? text : text.substring(0, TARGET_CHARS) + "…");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
