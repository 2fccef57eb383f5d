package mr.bacmr.retrieval.client;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import mr.bacmr.retrieval.domain.Reranker;

/**
 * The LLM reranker (S20's "GPT-mini" role, {@code bacmr.retrieval.rerank.provider=llm}): one call to an
 * OpenAI-compatible chat model grades every candidate 0–10 for how well it answers the query, as JSON
 * ({@code {"scores":[…]}}, one per passage, in order). A candidate's score is its grade plus its fused score, which is
 * below 0.05 and so only breaks ties between equal grades. An answer that is not that JSON, has the wrong number of
 * grades or grades outside 0–10 fails the call, and so do a timeout and an open breaker ({@value #BREAKER}, in
 * /q/metrics): {@code Reranking} then keeps the fused order. No retry: the 15-minute rerank cache already spares the
 * model repeated work, and a timed-out call may have been billed by the provider.
 */
public final class LlmReranker implements Reranker {

    public static final String BREAKER = "rerank-model";
    /** Characters of each passage the model reads: enough to judge relevance, a bounded prompt for 30 candidates. */
    static final int PASSAGE_CHARS = 1_200;
    static final String SYSTEM = """
            You grade passages from course books and past exams for a student's search query. For each numbered \
            passage, give an integer from 0 (unrelated) to 10 (answers the query directly). Passages may be in \
            French, Arabic or English; grade meaning, not wording. Reply with JSON only: {"scores":[g1,g2,...]}, \
            one grade per passage, in the passages' order.""";
    private static final TypeLiteral<Uni<List<Double>>> SCORES = new TypeLiteral<>() {
    };

    private final JsonChatModel model;
    private final String name;

    public LlmReranker(String baseUrl, String apiKey, String modelName, Duration timeout) {
        this(baseUrl, apiKey, modelName, timeout, BREAKER);
    }

    /** With its own breaker name: breaker names are unique per application (tests run several rerankers). */
    LlmReranker(String baseUrl, String apiKey, String modelName, Duration timeout, String breakerName) {
        this.model = new JsonChatModel("rerank model", baseUrl, apiKey, modelName, timeout, breakerName);
        this.name = "llm:" + modelName;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Uni<List<Double>> score(String query, List<Candidate> candidates) {
        // "{"scores":[" plus up to "10," per passage
        return model.ask(SYSTEM, prompt(query, candidates), 16 + 4 * candidates.size(),
                answer -> scores(answer, candidates), SCORES);
    }

    static String prompt(String query, List<Candidate> candidates) {
        StringBuilder prompt = new StringBuilder("Query: ").append(query.strip()).append("\n\nPassages:\n");
        for (int i = 0; i < candidates.size(); i++) {
            String text = candidates.get(i).text();
            String passage = text == null ? "(text unavailable)"
                    : text.length() <= PASSAGE_CHARS ? text : text.substring(0, PASSAGE_CHARS) + "…";
            prompt.append('[').append(i + 1).append("] ").append(passage.replaceAll("\\s+", " ").strip()).append('\n');
        }
        return prompt.toString();
    }

    /** The grades in the model's {@code answer}, plus each candidate's fused score as a tie-break; fails on anything else. */
    static List<Double> scores(JsonNode answer, List<Candidate> candidates) {
        JsonNode grades = answer.path("scores");
        if (!grades.isArray() || grades.size() != candidates.size()) {
            throw new IllegalStateException("the rerank model gave " + grades.size() + " grades for "
                    + candidates.size() + " passages");
        }
        List<Double> scores = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode grade = grades.get(i);
            if (!grade.isNumber() || grade.asDouble() < 0 || grade.asDouble() > 10) {
                throw new IllegalStateException("the rerank model gave grade " + grade + " (0-10 expected)");
            }
            // a passage we could not show the model keeps no grade of its own
            double graded = candidates.get(i).text() == null ? 0 : grade.asDouble();
            scores.add(graded + candidates.get(i).fusedScore());
        }
        return scores;
    }
}
