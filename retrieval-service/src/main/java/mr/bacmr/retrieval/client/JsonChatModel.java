package mr.bacmr.retrieval.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.util.TypeLiteral;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat model asked for one JSON object per call, at temperature 0, behind a timeout and a
 * circuit breaker (its name in /q/metrics): what the LLM reranker, language detector and answer validator share.
 * The blocking langchain4j call runs on the worker pool, never on the event loop. The caller's reader turns the
 * object into its result inside the guard, so an answer that is not what was asked counts towards the breaker like
 * a 500. No retry, here or in langchain4j: each caller has a local answer at hand, and a timed-out call may have been
 * billed by the provider.
 */
final class JsonChatModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiChatModel model;
    private final String role;
    private final Guard guard;

    /** {@code role} names the model in errors and logs ("rerank model"). */
    JsonChatModel(String role, String baseUrl, String apiKey, String modelName, Duration timeout, String breakerName) {
        this.role = role;
        this.model = OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey == null || apiKey.isBlank() ? "none" : apiKey)
                .modelName(modelName)
                .temperature(0.0)
                .timeout(timeout.plusSeconds(2)) // the guard's timeout fires first
                .maxRetries(0)
                .build();
        this.guard = Guard.create()
                .withDescription(breakerName)
                .withTimeout().duration(timeout.toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                .name(breakerName)
                .requestVolumeThreshold(4)
                .failureRatio(0.5)
                .delay(30, ChronoUnit.SECONDS)
                .onStateChange(state -> Log.warnf("%s circuit breaker is now %s", role, state))
                .done()
                .build();
    }

    /** The model's JSON object for {@code user} under {@code system}, read by {@code read} (which fails on a wrong one). */
    <T> Uni<T> ask(String system, String user, int maxOutputTokens, Function<JsonNode, T> read, TypeLiteral<Uni<T>> type) {
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(system), UserMessage.from(user))
                .parameters(OpenAiChatRequestParameters.builder().maxOutputTokens(maxOutputTokens).build())
                .build();
        return guard.get(() -> Uni.createFrom().item(() -> model.chat(request))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(response -> read.apply(object(response.aiMessage() == null ? null : response.aiMessage().text()))),
                type);
    }

    /** The JSON object in {@code answer}, allowing prose around it; fails when there is none. */
    JsonNode object(String answer) {
        if (answer == null) {
            throw new IllegalStateException("the " + role + " answered with no text");
        }
        int open = answer.indexOf('{');
        int close = answer.lastIndexOf('}');
        if (open < 0 || close < open) {
            throw new IllegalStateException("the " + role + " did not answer JSON: " + abbreviate(answer));
        }
        try {
            return JSON.readTree(answer.substring(open, close + 1));
        } catch (IOException e) {
            throw new IllegalStateException("the " + role + " did not answer JSON: " + abbreviate(answer), e);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
