package mr.bacmr.retrieval.ask;

/** A chat request's two messages and their input tokens, as the provider will count them (o200k). */
public record Prompt(String system, String user, int inputTokens) {
}
