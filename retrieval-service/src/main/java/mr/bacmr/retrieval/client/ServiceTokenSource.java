package mr.bacmr.retrieval.client;

import java.util.Optional;

/**
 * Where the service-role bearer token for calls to other services comes from. One small piece, so the platform's
 * token minting (common ServiceTokens) replaces the configured token without touching the callers.
 */
public interface ServiceTokenSource {

    /** A token to send as {@code Authorization: Bearer …}, or empty when none is configured. */
    Optional<String> token();
}
