package mr.bacmr.retrieval.ask;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import mr.bacmr.common.auth.Caller;
import mr.bacmr.common.auth.TierLimits;
import mr.bacmr.retrieval.config.AskConfig;
import mr.bacmr.retrieval.domain.SearchHit;
import mr.bacmr.retrieval.domain.SearchQuery;
import mr.bacmr.retrieval.domain.SearchService;
import mr.bacmr.retrieval.store.AskQuotaStore;

/**
 * {@code POST /v1/ask}: take one ask from the tier's daily allowance, retrieve within the tier's limits, pack the
 * best passages into its context-token budget, then answer with the chat model when one is usable, else by quoting
 * the sources. Any failure gives the ask back to the allowance: the student got nothing for it.
 */
@ApplicationScoped
public class AskService {

    private final AskQuotaStore quota;
    private final SearchService search;
    private final ContextPacker packer;
    private final LanguageDetector languages;
    private final ChatModel chat;
    private final GenerativeFlow generative;
    private final ExtractiveFlow extractive;
    private final AskConfig config;
    private final MeterRegistry metrics;

    public AskService(AskQuotaStore quota, SearchService search, ContextPacker packer, LanguageDetector languages,
                      ChatModel chat, GenerativeFlow generative, ExtractiveFlow extractive, AskConfig config,
                      MeterRegistry metrics) {
        this.quota = quota;
        this.search = search;
        this.packer = packer;
        this.languages = languages;
        this.chat = chat;
        this.generative = generative;
        this.extractive = extractive;
        this.config = config;
        this.metrics = metrics;
    }

    public Uni<AskAnswer> ask(Caller caller, Question question, String requestId) {
        TierLimits limits = caller.tier().limits();
        return quota.take(caller.userId(), limits.asksPerDay()).chain(taken -> {
            if (!taken.granted()) {
                return Uni.createFrom().failure(AskProblems.quotaExhausted(caller.tier().claim(),
                        limits.asksPerDay(), taken.now(), taken.resetsAt()));
            }
            Uni<Void> giveBack = quota.giveBack(caller.userId(), taken.day());
            return answer(caller, limits, question, requestId)
                    .onFailure().call(() -> giveBack.onFailure().recoverWithNull())
                    .call(answer -> answer.passages().isEmpty() ? giveBack : Uni.createFrom().voidItem())
                    .invoke(answer -> metrics.counter("bacmr.asks", "mode", answer.record().mode().label(),
                            "fallback", answer.record().fallback() == null ? "none" : answer.record().fallback(),
                            "tier", caller.tier().claim()).increment());
        });
    }

    private Uni<AskAnswer> answer(Caller caller, TierLimits limits, Question question, String requestId) {
        SearchQuery query = new SearchQuery(question.text(), limits.maxTopK(), question.filters(), limits.rerank());
        return search.search(query)
                .emitOn(Infrastructure.getDefaultWorkerPool()) // token counting and prompt building are CPU work
                .chain(result -> {
                    PackedContext context = packer.pack(result.hits(), limits.contextTokens());
                    if (context.isEmpty() && !result.hits().isEmpty()) {
                        throw AskProblems.sourcesUnavailable();
                    }
                    return languageOf(question, result.hits()).map(language -> new AskContext(UUID.randomUUID(),
                            caller.userId(), requestId, question.text(), language, context));
                })
                .chain(ask -> {
                    if (ask.context().isEmpty()) {
                        return extractive.free(ask, Fallback.NO_SOURCES, null);
                    }
                    if (!chat.available()) {
                        return extractive.charged(ask, chat.configured() ? Fallback.BREAKER_OPEN : Fallback.NO_CHAT_MODEL);
                    }
                    return generative.answer(ask);
                });
    }

    /** The student's choice, else the question's detected language, else the sources' majority, else the default. */
    Uni<String> languageOf(Question question, List<SearchHit> hits) {
        if (question.language() != null) {
            return Uni.createFrom().item(question.language());
        }
        return languages.detect(question.text()).map(detected -> detected.filter(Languages::isSupported)
                .or(() -> hits.stream().map(SearchHit::language).filter(Languages::isSupported)
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                        .entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                        .map(Map.Entry::getKey))
                .orElse(config.defaultLanguage()));
    }
}
