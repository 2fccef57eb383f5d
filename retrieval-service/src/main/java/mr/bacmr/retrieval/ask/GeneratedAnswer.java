package mr.bacmr.retrieval.ask;

/** A chat model's reply and the tokens the provider says it used, which is what the ask is billed for. */
public record GeneratedAnswer(String text, int inputTokens, int outputTokens, String finishReason) {
}
