package mr.bacmr.retrieval.ask;

/**
 * Checks a generated answer against the context it was given and the language it was asked in. A port (S20): the
 * local adapter is a lexical heuristic; an LLM judge may replace it by configuration.
 */
public interface AnswerValidator {

    Validation validate(String answer, String language, PackedContext context);
}
