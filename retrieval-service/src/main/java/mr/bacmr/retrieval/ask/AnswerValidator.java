package mr.bacmr.retrieval.ask;

import io.smallrye.mutiny.Uni;

/**
 * Checks a generated answer against the context it was given and the language it was asked in. A port (S20): the
 * local adapter is a lexical heuristic; an LLM judge may replace it by configuration. Asynchronous because that
 * judge is a network call.
 */
public interface AnswerValidator {

    Uni<Validation> validate(String answer, String language, PackedContext context);
}
