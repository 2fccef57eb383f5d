package mr.bacmr.common.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Remembers tokens that smallrye-jwt has fully verified (signature, issuer, audience, expiry), keyed by the exact token
 * string and the verification settings, so a caller that reuses its token (services reuse theirs for minutes) pays the
 * RS256 check once instead of on every request (measured alone: 60–70 µs of CPU per verification, about 1 µs per hit).
 * Nothing is trusted that did not verify: a failure is never cached, and an entry leaves the cache at the token's
 * {@code exp} (the configured expiration grace is 0) or {@link #MAX_REUSE} after its verification, whichever comes
 * first; the latter bounds how long a token keeps passing after its signing key is withdrawn.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    /** Longest reuse of one verification. */
    static final Duration MAX_REUSE = Duration.ofSeconds(60);
    /** Tokens kept at once; a verification that finds the cache full still answers, it just evicts another. */
    static final long MAX_TOKENS = 10_000;
    /** Longer strings are verified every time, so the memory held stays bounded (ours are well under 1 KiB). */
    static final int MAX_TOKEN_LENGTH = 8_192;

    private final JWTCallerPrincipalFactory verifier;
    private final LongSupplier epochMillis;
    private final Cache<Key, JWTCallerPrincipal> verified;

    public VerifiedTokenCache() {
        this(new DefaultJWTCallerPrincipalFactory(), Ticker.systemTicker(), System::currentTimeMillis);
    }

    VerifiedTokenCache(JWTCallerPrincipalFactory verifier, Ticker ticker, LongSupplier epochMillis) {
        this.verifier = verifier;
        this.epochMillis = epochMillis;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .ticker(ticker)
                .expireAfter(new UntilExpiry())
                .build();
    }

    /** The verification settings are part of the key: a token verified under one set proves nothing under another. */
    private record Key(String token, JWTAuthContextInfo settings) {
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return verifier.parse(token, authContextInfo);
        }
        Key key = new Key(token, authContextInfo);
        JWTCallerPrincipal known = verified.getIfPresent(key);
        if (known != null && remainingNanos(known) > 0) {
            return known;
        }
        JWTCallerPrincipal principal = verifier.parse(token, authContextInfo); // throws when it does not verify
        if (remainingNanos(principal) > 0) {
            verified.put(key, principal);
        }
        return principal;
    }

    /** Time left before the token's {@code exp}; a token without one is not cached (ours always carry it). */
    private long remainingNanos(JWTCallerPrincipal principal) {
        long exp = principal.getExpirationTime();
        return exp <= 0 ? 0 : Duration.ofMillis(exp * 1000 - epochMillis.getAsLong()).toNanos();
    }

    private final class UntilExpiry implements Expiry<Key, JWTCallerPrincipal> {
        @Override
        public long expireAfterCreate(Key key, JWTCallerPrincipal principal, long currentTime) {
            return Math.max(0, Math.min(remainingNanos(principal), MAX_REUSE.toNanos()));
        }

        @Override
        public long expireAfterUpdate(Key key, JWTCallerPrincipal principal, long currentTime, long currentDuration) {
            return expireAfterCreate(key, principal, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, JWTCallerPrincipal principal, long currentTime, long currentDuration) {
            return currentDuration; // reading never extends an entry's life
        }
    }
}
