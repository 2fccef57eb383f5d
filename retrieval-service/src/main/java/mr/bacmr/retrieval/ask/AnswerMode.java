package mr.bacmr.retrieval.ask;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How an ask was answered: by the chat model, or quoted from the sources. */
public enum AnswerMode {
    GENERATIVE,
    EXTRACTIVE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
