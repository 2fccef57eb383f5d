package mr.bacmr.retrieval.client;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.output.TokenUsage;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import java.time.temporal.ChronoUnit;

import mr.bacmr.retrieval.ask.ChatModel;
import mr.bacmr.retrieval.ask.GeneratedAnswer;
import mr.bacmr.retrieval.ask.PriceList;
import mr.bacmr.retrieval.ask.Prompt;
import mr.bacmr.retrieval.ask.TokenCounter;
import mr.bacmr.retrieval.config.ChatConfig;

/**
 * The chat model through langchain4j's OpenAI-compatible client, behind a SmallRye Fault Tolerance guard: a timeout
 * and the {@value #BREAKER} circuit breaker, whose state is exported in /q/metrics. There is deliberately no retry:
 * a completion that timed out may still have been generated and billed by the provider, and the reservation covers
 * one answer, so a failed call is answered extractively instead (see AskService). langchain4j's own retries are off
 * for the same reason.
 */
@ApplicationScoped
public class LangChainChatAdapter implements ChatModel {

    public static final String BREAKER = "chat-model";

    private final ChatConfig config;
    private final TokenCounter tokens;
    private final CircuitBreakerMaintenance breakers;
    private final OpenAiChatModel model;
    private final TypedGuard<Uni<GeneratedAnswer>> guard;

    public LangChainChatAdapter(ChatConfig config, PriceList prices, TokenCounter tokens,
                                CircuitBreakerMaintenance breakers) {
        this.config = config;
        this.tokens = tokens;
        this.breakers = breakers;
        if (config.configured() && !prices.knows(config.model())) {
            // An unpriced model would be a free LLM call: refuse to start rather than give answers away.
            throw new IllegalStateException("bacmr.chat.model=" + config.model()
                    + " has no price: set bacmr.pricing.models.\"" + config.model() + "\".input-per-1k/output-per-1k");
        }
        this.model = config.configured() ? OpenAiChatModel.builder()
                .baseUrl(config.baseUrl().orElseThrow())
                .apiKey(config.apiKey().filter(key -> !key.isBlank()).orElse("none"))
                .modelName(config.model())
                .temperature(config.temperature())
                .timeout(config.timeout().plusSeconds(2)) // the guard's timeout fires first and is what callers see
                .maxRetries(0)
                .build() : null;
        ChatConfig.Breaker breaker = config.breaker();
        this.guard = TypedGuard.create(new TypeLiteral<Uni<GeneratedAnswer>>() {
                })
                .withDescription(BREAKER)
                .withTimeout().duration(config.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                .name(BREAKER)
                .requestVolumeThreshold(breaker.requestVolumeThreshold())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(breaker.successThreshold())
                .onStateChange(state -> Log.warnf("chat model circuit breaker is now %s", state))
                .done()
                .build();
    }

    @Override
    public boolean configured() {
        return model != null;
    }

    @Override
    public boolean available() {
        return model != null && breakers.currentState(BREAKER) != CircuitBreakerState.OPEN;
    }

    @Override
    public String name() {
        return config.model();
    }

    @Override
    public Uni<GeneratedAnswer> generate(Prompt prompt, int maxOutputTokens) {
        if (model == null) {
            return Uni.createFrom().failure(new IllegalStateException("no chat model is configured"));
        }
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                .parameters(limit(maxOutputTokens))
                .build();
        return guard.get(() -> Uni.createFrom().item(() -> model.chat(request))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(response -> answerOf(response, prompt)));
    }

    private OpenAiChatRequestParameters limit(int maxOutputTokens) {
        OpenAiChatRequestParameters.Builder parameters = OpenAiChatRequestParameters.builder();
        return config.useMaxCompletionTokens()
                ? parameters.maxCompletionTokens(maxOutputTokens).build()
                : parameters.maxOutputTokens(maxOutputTokens).build();
    }

    private GeneratedAnswer answerOf(ChatResponse response, Prompt prompt) {
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new IllegalStateException("the chat model answered with no text");
        }
        // Providers report usage; a compatible server that does not is billed by our own count.
        TokenUsage usage = response.tokenUsage();
        int input = usage != null && usage.inputTokenCount() != null ? usage.inputTokenCount() : prompt.inputTokens();
        int output = usage != null && usage.outputTokenCount() != null ? usage.outputTokenCount() : tokens.count(text);
        String finish = response.finishReason() == null ? null : response.finishReason().name().toLowerCase();
        return new GeneratedAnswer(text.strip(), input, output, finish);
    }
}
