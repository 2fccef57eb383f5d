package mr.bacmr.retrieval.ask;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why an ask was answered extractively rather than by the chat model. */
public enum Fallback {
    /** No chat model is configured ({@code bacmr.chat.base-url} empty). */
    NO_CHAT_MODEL("no-chat-model"),
    /** The chat model's circuit breaker is open after recent failures. */
    BREAKER_OPEN("breaker-open"),
    /** The chat model failed or timed out on this very ask; its reservation was released. */
    CHAT_FAILED("chat-failed"),
    /** Nothing relevant was found, so there is nothing to answer from. */
    NO_SOURCES("no-sources");

    private final String label;

    Fallback(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
