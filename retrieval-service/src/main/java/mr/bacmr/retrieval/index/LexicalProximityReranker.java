package mr.bacmr.retrieval.index;

import io.smallrye.mutiny.Uni;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import mr.bacmr.retrieval.domain.Reranker;

/**
 * The local reranker: reads each candidate's canonical text (which the index never stored) and scores it by
 * <ul>
 *   <li>BM25 of the query terms over the candidate set (term statistics of these candidates only),</li>
 *   <li>coverage: the share of distinct query terms the text contains,</li>
 *   <li>proximity: how tightly the matched terms sit together (smallest window holding all of them),</li>
 *   <li>the fused retrieval score, so vector evidence is not thrown away.</li>
 * </ul>
 * Each part is scaled to [0, 1] over the candidates and weighted {@value #W_BM25}/{@value #W_COVERAGE}/
 * {@value #W_PROXIMITY}/{@value #W_FUSED}. Texts and queries go through the analyser of the candidate's language.
 */
public final class LexicalProximityReranker implements Reranker {

    public static final String NAME = "local-lexical-proximity-v1";

    static final double W_BM25 = 0.45;
    static final double W_COVERAGE = 0.2;
    static final double W_PROXIMITY = 0.15;
    static final double W_FUSED = 0.2;
    private static final double K1 = 1.2;
    private static final double B = 0.75;

    private final Analyzer analyzer = IndexAnalyzers.perField();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<List<Double>> score(String query, List<Candidate> candidates) {
        return Uni.createFrom().item(() -> scores(query, candidates));
    }

    List<Double> scores(String query, List<Candidate> candidates) {
        int n = candidates.size();
        List<List<String>> texts = new ArrayList<>(n);
        List<Set<String>> queryTerms = new ArrayList<>(n);
        Map<String, Integer> documentFrequency = new HashMap<>();
        double totalLength = 0;
        for (Candidate candidate : candidates) {
            String field = IndexAnalyzers.textField(candidate.language());
            List<String> tokens = candidate.text() == null ? List.of() : terms(field, candidate.text());
            texts.add(tokens);
            queryTerms.add(new LinkedHashSet<>(terms(field, query)));
            totalLength += tokens.size();
            for (String term : new LinkedHashSet<>(tokens)) {
                documentFrequency.merge(term, 1, Integer::sum);
            }
        }
        double averageLength = Math.max(1, totalLength / Math.max(1, n));

        double[] bm25 = new double[n];
        double[] coverage = new double[n];
        double[] proximity = new double[n];
        double[] fused = new double[n];
        for (int i = 0; i < n; i++) {
            List<String> tokens = texts.get(i);
            Set<String> wanted = queryTerms.get(i);
            Map<String, Integer> frequency = new HashMap<>();
            for (String token : tokens) {
                if (wanted.contains(token)) {
                    frequency.merge(token, 1, Integer::sum);
                }
            }
            for (Map.Entry<String, Integer> entry : frequency.entrySet()) {
                int df = documentFrequency.getOrDefault(entry.getKey(), 0);
                double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
                double tf = entry.getValue();
                bm25[i] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * tokens.size() / averageLength));
            }
            coverage[i] = wanted.isEmpty() ? 0 : (double) frequency.size() / wanted.size();
            proximity[i] = proximity(tokens, frequency.keySet());
            fused[i] = candidates.get(i).fusedScore();
        }
        scaleToUnit(bm25);
        scaleToUnit(fused);
        List<Double> scores = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            scores.add(W_BM25 * bm25[i] + W_COVERAGE * coverage[i] + W_PROXIMITY * proximity[i] + W_FUSED * fused[i]);
        }
        return scores;
    }

    /**
     * {@code matched / span} of the smallest token window holding every matched term: 1 when they are adjacent,
     * near 0 when scattered; a single matched term counts as adjacent to itself.
     */
    static double proximity(List<String> tokens, Set<String> matched) {
        if (matched.isEmpty()) {
            return 0;
        }
        if (matched.size() == 1) {
            return 1;
        }
        Map<String, Integer> inWindow = new HashMap<>();
        int best = Integer.MAX_VALUE;
        int left = 0;
        for (int right = 0; right < tokens.size(); right++) {
            if (matched.contains(tokens.get(right))) {
                inWindow.merge(tokens.get(right), 1, Integer::sum);
            }
            while (inWindow.size() == matched.size()) {
                best = Math.min(best, right - left + 1);
                String leaving = tokens.get(left++);
                if (inWindow.containsKey(leaving) && inWindow.merge(leaving, -1, Integer::sum) == 0) {
                    inWindow.remove(leaving);
                }
            }
        }
        return best == Integer.MAX_VALUE ? 0 : (double) matched.size() / best;
    }

    private List<String> terms(String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static void scaleToUnit(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, value);
        }
        if (max > 0) {
            for (int i = 0; i < values.length; i++) {
                values[i] /= max;
            }
        }
    }
}
