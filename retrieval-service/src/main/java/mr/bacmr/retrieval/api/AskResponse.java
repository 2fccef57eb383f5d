package mr.bacmr.retrieval.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import mr.bacmr.retrieval.ask.AnswerMode;
import mr.bacmr.retrieval.ask.AskAnswer;
import mr.bacmr.retrieval.ask.AskRecord;
import mr.bacmr.retrieval.ask.Passage;
import mr.bacmr.retrieval.ask.Validation;

/**
 * An answer with its sources. {@code citations[n-1]} is source {@code [n]} of the answer text; {@code fallback} says
 * why an answer is extractive; {@code usage} is what was billed ({@code reservation_id} null when nothing was
 * reserved).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AskResponse(UUID id, String answer, AnswerMode mode, String fallback, String language,
                          List<Citation> citations, Usage usage, ValidationView validation, String requestId) {

    public record Citation(int number, String chunkId, UUID documentId, String title, int page, String snippet,
                           List<String> highlights) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Usage(String model, int inputTokens, int outputTokens, long credits, UUID reservationId) {
    }

    public record ValidationView(boolean grounded, boolean languageOk, double score, String judge) {
    }

    public static AskResponse of(AskAnswer answer) {
        AskRecord record = answer.record();
        Map<Integer, List<String>> highlights = answer.highlights();
        List<Citation> citations = answer.passages().stream().map(passage -> citation(passage,
                highlights.getOrDefault(passage.number(), List.of()))).toList();
        Validation validation = answer.validation();
        return new AskResponse(record.id(), answer.text(), record.mode(), record.fallback(), record.language(),
                citations,
                new Usage(record.model(), record.inputTokens(), record.outputTokens(), record.credits(),
                        record.reservationId()),
                new ValidationView(validation.grounded(), validation.languageOk(), validation.score(),
                        validation.judge()),
                record.requestId());
    }

    private static Citation citation(Passage passage, List<String> highlights) {
        return new Citation(passage.number(), passage.hit().chunkId(), passage.hit().documentId(),
                passage.hit().title(), passage.hit().page(), passage.hit().snippet(),
                highlights.isEmpty() ? null : highlights);
    }
}
