package mr.bacmr.retrieval.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

import org.jboss.resteasy.reactive.RestResponse;

import mr.bacmr.common.web.ProblemException;
import mr.bacmr.common.web.ProblemType;
import mr.bacmr.retrieval.config.AskConfig;
import mr.bacmr.retrieval.store.AskIdempotencyStore;

/**
 * {@code Idempotency-Key} on {@code POST /v1/ask}, as Stripe's: the first request with a key is answered and its
 * response kept ({@code bacmr.ask.idempotency.keep}, 24 h); a retry with the same key and body gets that response
 * again, marked {@code Idempotent-Replayed: true}, without a second charge, ask from the day's allowance or model call.
 * The same key with another body is a 409 {@code idempotency-key-reused}; a retry while the first is still being
 * answered, a 409 {@code idempotency-key-in-progress} with {@code Retry-After}. A failed ask frees its key: it charged
 * nothing, so a retry runs it again. Keys are per user.
 */
@ApplicationScoped
public class AskReplays {

    public static final URI KEY_REUSED = ProblemType.of("idempotency-key-reused");
    public static final URI IN_PROGRESS = ProblemType.of("idempotency-key-in-progress");
    public static final String REPLAYED = "Idempotent-Replayed";

    private final AskIdempotencyStore store;
    private final ObjectMapper mapper;
    private final AskConfig.Idempotency config;

    public AskReplays(AskIdempotencyStore store, ObjectMapper mapper, AskConfig config) {
        this.store = store;
        this.mapper = mapper;
        this.config = config.idempotency();
    }

    /** {@code ask} once per {@code key} of {@code userId} (every time when there is no key). */
    public Uni<RestResponse<AskResponse>> once(String userId, String key, AskRequest request,
                                               Supplier<Uni<AskResponse>> ask) {
        if (key == null) {
            return Uni.createFrom().deferred(ask::get).map(RestResponse::ok);
        }
        return store.claim(userId, key, hash(request), config.keep(), config.stale()).chain(held -> {
            if (held instanceof AskIdempotencyStore.Answered answered) {
                return Uni.createFrom().item(RestResponse.ResponseBuilder.ok(replay(answered.response()))
                        .header(REPLAYED, "true").build());
            }
            if (held instanceof AskIdempotencyStore.OtherRequest) {
                return Uni.createFrom().failure(new ProblemException(409, KEY_REUSED, "Idempotency key reused",
                        "This Idempotency-Key was used for another ask; use a new key for a new question"));
            }
            if (held instanceof AskIdempotencyStore.InFlight) {
                return Uni.createFrom().failure(new ProblemException(409, IN_PROGRESS, "Ask in progress",
                        "The first request with this Idempotency-Key is still being answered; retry in a moment",
                        Map.of("Retry-After", "1")));
            }
            // deferred: an ask that throws before it returns its Uni must free the key too
            return Uni.createFrom().deferred(ask::get)
                    .onFailure().call(() -> store.forget(userId, key).onFailure().recoverWithNull())
                    // the ask is answered and charged: a failed write must not turn it into an error (the key then
                    // stays claimed until it is stale)
                    .call(response -> store.complete(userId, key, stored(response)).onFailure().invoke(e ->
                            Log.warnf("answered ask not stored under its idempotency key: %s", e.toString()))
                            .onFailure().recoverWithNull())
                    .map(RestResponse::ok);
        });
    }

    /** Keys past their time, deleted hourly. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return store.purge(config.keep())
                .invoke(deleted -> Log.debugf("purged %d ask idempotency keys", deleted))
                .replaceWithVoid();
    }

    private JsonObject stored(AskResponse response) {
        try {
            return new JsonObject(mapper.writeValueAsString(response));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private AskResponse replay(JsonObject stored) {
        try {
            return mapper.readValue(stored.encode(), AskResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request as JSON, hashed: the same body is the same ask. */
    private String hash(AskRequest request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    mapper.writeValueAsString(request).getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
