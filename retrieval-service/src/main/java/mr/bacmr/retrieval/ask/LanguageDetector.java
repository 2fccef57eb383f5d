package mr.bacmr.retrieval.ask;

import io.smallrye.mutiny.Uni;

import java.util.Optional;

/**
 * Tells the language of a question or an answer: {@code ar} (Modern Standard Arabic and Hassaniya), {@code fr} or
 * {@code en}. Empty when the text is too short or too mixed to tell. A port (S20): the local adapter works offline;
 * an LLM adapter may replace it by configuration. Asynchronous because that adapter is a network call; the local one
 * answers with an already-resolved {@link Uni}.
 */
public interface LanguageDetector {

    Uni<Optional<String>> detect(String text);
}
