package mr.bacmr.retrieval.ask;

import io.smallrye.mutiny.Uni;

/**
 * The chat model port. Its adapters guard the call (timeout, circuit breaker); a failed {@link #generate} is the
 * caller's to recover from, which it does by releasing the credits it reserved and answering extractively.
 */
public interface ChatModel {

    /** Whether a model is configured at all ({@code bacmr.chat.base-url}). */
    boolean configured();

    /** Whether a call may be made now: a model is configured and its circuit breaker is not open. */
    boolean available();

    /** The model name, as priced in {@code bacmr.pricing.models}. */
    String name();

    /** The model's reply, at most {@code maxOutputTokens} long. */
    Uni<GeneratedAnswer> generate(Prompt prompt, int maxOutputTokens);
}
