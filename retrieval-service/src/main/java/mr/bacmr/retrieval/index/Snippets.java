package mr.bacmr.retrieval.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * A highlighted snippet of a chunk's canonical text. The text is analysed with its language's index analyser, so
 * stemmed and folded forms of the query words are marked too; the passage of about {@link #TARGET_CHARS} characters
 * holding the most distinct query terms (then the most matches) is kept, widened evenly to that length at token
 * boundaries, HTML-escaped, with matches wrapped in {@code <mark>} and cuts shown as "…". A text without any query
 * word gives its opening passage.
 * <p>
 * Analysing a 300-word text costs ~150 µs, ten per search: the analysed form of each chunk's text is kept (bounded,
 * with the text cache's lifetime), so a search only analyses its query and scans token arrays.
 */
public final class Snippets {

    public static final int TARGET_CHARS = 240;
    private static final String ELLIPSIS = "…";

    private final Analyzer analyzer = IndexAnalyzers.perField();
    private final Cache<String, AnalysedText> analysed;

    /** Keeps the analysed texts of up to {@code maxEntries} chunks, each for {@code ttl} after its analysis. */
    public Snippets(long maxEntries, Duration ttl) {
        this.analysed = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).recordStats().build();
    }

    /** The cache of analysed texts, for metrics. */
    public Cache<String, AnalysedText> cache() {
        return analysed;
    }

    /** The snippet of a text that is not cached (no chunk id). */
    public String snippet(String query, String text, String language) {
        return snippet(query, null, text, language);
    }

    /** The snippet of chunk {@code chunkId}'s text; null for a missing or blank text. */
    public String snippet(String query, String chunkId, String text, String language) {
        return forQuery(query).snippet(chunkId, text, language);
    }

    /** Snippets for the hits of one query: the query is analysed once per language field, not once per hit. */
    public QuerySnippets forQuery(String query) {
        return new QuerySnippets(query);
    }

    /** The snippets of one query's hits. */
    public final class QuerySnippets {
        private final String query;
        private final Map<String, Map<String, Integer>> termsByField = new HashMap<>(4);

        private QuerySnippets(String query) {
            this.query = query;
        }

        /** The snippet of chunk {@code chunkId}'s text (null id: not cached); null for a missing or blank text. */
        public String snippet(String chunkId, String text, String language) {
            if (text == null || text.isBlank()) {
                return null;
            }
            String field = IndexAnalyzers.textField(language);
            AnalysedText tokens = chunkId == null ? analyse(field, text) : analysedText(chunkId, field, text);
            return tokens.snippet(termsByField.computeIfAbsent(field, this::queryTerms), text);
        }

        /** The query's distinct terms in {@code field}, each numbered. */
        private Map<String, Integer> queryTerms(String field) {
            Map<String, Integer> terms = new HashMap<>();
            analyse(field, query, (term, start, end) -> terms.putIfAbsent(term, terms.size()));
            return terms;
        }
    }

    private AnalysedText analysedText(String chunkId, String field, String text) {
        AnalysedText known = analysed.getIfPresent(chunkId);
        // a chunk id names one text; the check only guards against a changed language or text under the same id
        if (known != null && known.field().equals(field) && known.length() == text.length()) {
            return known;
        }
        AnalysedText fresh = analyse(field, text);
        analysed.put(chunkId, fresh);
        return fresh;
    }

    private AnalysedText analyse(String field, String text) {
        Map<String, Integer> distinct = new HashMap<>();
        IntList tokenTerms = new IntList();
        IntList starts = new IntList();
        IntList ends = new IntList();
        analyse(field, text, (term, start, end) -> {
            Integer number = distinct.putIfAbsent(term, distinct.size());
            tokenTerms.add(number == null ? distinct.size() - 1 : number);
            starts.add(start);
            ends.add(end);
        });
        return new AnalysedText(field, text.length(), Map.copyOf(distinct), tokenTerms.toArray(), starts.toArray(),
                ends.toArray());
    }

    /** A growable int array: a token list without boxing. */
    private static final class IntList {
        private int[] values = new int[64];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    private interface TokenSink {
        void accept(String term, int start, int end);
    }

    private void analyse(String field, String text, TokenSink sink) {
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                sink.accept(term.toString(), offset.startOffset(), offset.endOffset());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A text's tokens in order, each as the number of its index term ({@code termNumbers} maps a term to its number)
     * with its character offsets. Matching a query then looks up each query term once and compares ints per token,
     * instead of hashing every token's term string on every search.
     */
    public record AnalysedText(String field, int length, Map<String, Integer> termNumbers, int[] tokenTerms,
                               int[] starts, int[] ends) {

        String snippet(Map<String, Integer> wanted, String text) {
            int[] termOf = new int[tokenTerms.length];
            int[] matches = matches(wanted, termOf);
            if (matches.length == 0) {
                int end = text.length() <= TARGET_CHARS ? text.length() : lastEndWithin(0, TARGET_CHARS, text.length());
                return escape(text.substring(0, end)) + (end < text.length() ? ELLIPSIS : "");
            }
            int[] best = bestWindow(matches, termOf, wanted.size());
            int from = starts[best[0]];
            int to = ends[best[1]];
            // widen evenly to the target length, at token boundaries, giving one side's unused room to the other
            int room = Math.max(0, TARGET_CHARS - (to - from));
            int left = Math.max(0, from - room / 2);
            int right = Math.min(text.length(), to + room - (from - left));
            left = Math.max(0, left - (room - (from - left) - (right - to)));
            int begin = left == 0 ? 0 : firstStartFrom(left, from);
            int end = right == text.length() ? right : lastEndWithin(to, right, text.length());
            StringBuilder snippet = new StringBuilder(end - begin + 64);
            if (begin > 0) {
                snippet.append(ELLIPSIS);
            }
            int at = begin;
            for (int m : matches) {
                if (starts[m] >= begin && ends[m] <= end) {
                    snippet.append(escape(text.substring(at, starts[m]))).append("<mark>")
                            .append(escape(text.substring(starts[m], ends[m]))).append("</mark>");
                    at = ends[m];
                }
            }
            snippet.append(escape(text.substring(at, end)));
            if (end < text.length()) {
                snippet.append(ELLIPSIS);
            }
            return snippet.toString().strip();
        }

        /** Token indexes whose term is wanted, in order; {@code termOf[i]} is the number of token i's term. */
        private int[] matches(Map<String, Integer> wanted, int[] termOf) {
            // the query's number for each of this text's terms, -1 for terms the query lacks
            int[] queryTermOf = null;
            for (Map.Entry<String, Integer> term : wanted.entrySet()) {
                Integer number = termNumbers.get(term.getKey());
                if (number != null) {
                    if (queryTermOf == null) {
                        queryTermOf = new int[termNumbers.size()];
                        Arrays.fill(queryTermOf, -1);
                    }
                    queryTermOf[number] = term.getValue();
                }
            }
            if (queryTermOf == null) {
                return new int[0];
            }
            int[] found = new int[tokenTerms.length];
            int count = 0;
            for (int i = 0; i < tokenTerms.length; i++) {
                int term = queryTermOf[tokenTerms[i]];
                if (term >= 0) {
                    termOf[i] = term;
                    found[count++] = i;
                }
            }
            return Arrays.copyOf(found, count);
        }

        /**
         * The first and last token of the window spanning at most {@link #TARGET_CHARS} characters that holds the
         * most distinct wanted terms, then the most matches; the earliest such window wins ties. Two pointers over
         * the matches, with a count per query term in the window.
         */
        private int[] bestWindow(int[] matches, int[] termOf, int queryTerms) {
            int[] inWindow = new int[queryTerms];
            int distinct = 0;
            int bestFirst = 0;
            int bestLast = 0;
            int bestDistinct = 0;
            int bestCount = 0;
            int last = -1;
            for (int first = 0; first < matches.length; first++) {
                while (last + 1 < matches.length && ends[matches[last + 1]] - starts[matches[first]] <= TARGET_CHARS) {
                    last++;
                    if (inWindow[termOf[matches[last]]]++ == 0) {
                        distinct++;
                    }
                }
                if (last < first) {   // a single token longer than the target: a window of its own
                    last = first;
                    if (inWindow[termOf[matches[last]]]++ == 0) {
                        distinct++;
                    }
                }
                int count = last - first + 1;
                if (distinct > bestDistinct || (distinct == bestDistinct && count > bestCount)) {
                    bestDistinct = distinct;
                    bestCount = count;
                    bestFirst = first;
                    bestLast = last;
                }
                if (--inWindow[termOf[matches[first]]] == 0) {
                    distinct--;
                }
            }
            return new int[] {matches[bestFirst], matches[bestLast]};
        }

        /** The start of the first token beginning at or after {@code from} (and no later than {@code limit}). */
        private int firstStartFrom(int from, int limit) {
            for (int i = 0; i < starts.length; i++) {
                if (starts[i] >= from) {
                    return Math.min(starts[i], limit);
                }
            }
            return limit;
        }

        /** The end of the last token ending at or before {@code to} (at least {@code floor}); {@code to} if none. */
        private int lastEndWithin(int floor, int to, int textLength) {
            int end = floor;
            for (int i = 0; i < ends.length && ends[i] <= to; i++) {
                end = Math.max(end, ends[i]);
            }
            return end == 0 ? Math.min(to, textLength) : end;
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
