package mr.bacmr.retrieval.config;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.Optional;

import mr.bacmr.retrieval.ask.AnswerValidator;
import mr.bacmr.retrieval.ask.LanguageDetector;
import mr.bacmr.retrieval.ask.LexicalAnswerValidator;
import mr.bacmr.retrieval.ask.ScriptNgramLanguageDetector;
import mr.bacmr.retrieval.client.LlmAnswerValidator;
import mr.bacmr.retrieval.client.LlmLanguageDetector;

/**
 * The ask's language detector and answer validator, chosen by {@code bacmr.ask.language-detector.provider} and
 * {@code bacmr.ask.validator.provider}. Built at startup, so a wrong provider or a missing URL stops the service
 * rather than its first ask.
 */
public class AskJudgeComponents {

    @Produces
    @ApplicationScoped
    @DefaultBean
    @Startup
    LanguageDetector languageDetector(AskConfig ask, ChatConfig chat) {
        String provider = ask.languageDetector().provider();
        return switch (provider) {
            case "local" -> new ScriptNgramLanguageDetector();
            case "llm" -> {
                Endpoint judge = endpoint(ask, chat, "bacmr.ask.language-detector.provider");
                yield new LlmLanguageDetector(judge.baseUrl(), judge.apiKey(), ask.judge().model(),
                        ask.judge().timeout(), new ScriptNgramLanguageDetector());
            }
            // an unknown provider is refused rather than silently replaced by the local one
            default -> throw new IllegalArgumentException("bacmr.ask.language-detector.provider=" + provider
                    + " is not available; this build has: local, llm");
        };
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    @Startup
    AnswerValidator answerValidator(AskConfig ask, ChatConfig chat, LanguageDetector languages) {
        String provider = ask.validator().provider();
        return switch (provider) {
            case "local" -> new LexicalAnswerValidator(languages, ask);
            case "llm" -> {
                Endpoint judge = endpoint(ask, chat, "bacmr.ask.validator.provider");
                yield new LlmAnswerValidator(judge.baseUrl(), judge.apiKey(), ask.judge().model(),
                        ask.judge().timeout(), new LexicalAnswerValidator(languages, ask));
            }
            default -> throw new IllegalArgumentException("bacmr.ask.validator.provider=" + provider
                    + " is not available; this build has: local, llm");
        };
    }

    private record Endpoint(String baseUrl, String apiKey) {
    }

    /** The judge's own endpoint, else the chat model's (same provider, same key). */
    private static Endpoint endpoint(AskConfig ask, ChatConfig chat, String property) {
        Optional<String> judgeUrl = ask.judge().baseUrl().filter(url -> !url.isBlank());
        if (judgeUrl.isPresent()) {
            return new Endpoint(judgeUrl.get(), ask.judge().apiKey().orElse(null));
        }
        String chatUrl = chat.baseUrl().filter(url -> !url.isBlank()).orElseThrow(() ->
                new IllegalArgumentException(property + "=llm needs bacmr.ask.judge.base-url "
                        + "(BACMR_ASK_JUDGE_BASE_URL) or, to judge with the chat model's provider, bacmr.chat.base-url "
                        + "(BACMR_CHAT_BASE_URL)"));
        return new Endpoint(chatUrl, chat.apiKey().orElse(null));
    }
}
