package mr.bacmr.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import mr.bacmr.testing.TestJwt;

/** The cache of verified tokens, with smallrye-jwt's real verifier and the tests' real keys; only the clocks are ours. */
class VerifiedTokenCacheTest {

    /** The real verifier, counting how often it runs. */
    static final class CountingVerifier extends DefaultJWTCallerPrincipalFactory {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo settings) throws ParseException {
            calls.incrementAndGet();
            return super.parse(token, settings);
        }
    }

    final CountingVerifier verifier = new CountingVerifier();
    final AtomicLong ticker = new AtomicLong();
    final AtomicLong wallClock = new AtomicLong(System.currentTimeMillis());
    final VerifiedTokenCache cache = new VerifiedTokenCache(verifier, ticker::get, wallClock::get);
    final JWTAuthContextInfo settings = settings();

    static JWTAuthContextInfo settings() {
        JWTAuthContextInfo settings = new JWTAuthContextInfo(Path.of(TestJwt.publicKeyFile()).toUri().toString(),
                TestJwt.ISSUER);
        settings.setExpectedAudience(Set.of(TestJwt.AUDIENCE));
        settings.setExpGracePeriodSecs(0);
        return settings;
    }

    @Test
    void aTokenThatVerifiedIsReusedWithoutVerifyingAgain() throws Exception {
        String token = TestJwt.token("svc-retrieval", "service", null);
        JWTCallerPrincipal first = cache.parse(token, settings);
        JWTCallerPrincipal second = cache.parse(token, settings);
        assertSame(first, second);
        assertEquals("svc-retrieval", second.getSubject());
        assertEquals(1, verifier.calls.get());
    }

    @Test
    void tokensThatFailVerificationAreNeverRemembered() {
        String foreign = TestJwt.foreignToken("svc-retrieval", "service", null);
        String expired = TestJwt.expiredToken("svc-retrieval", "service", null);
        String otherIssuer = TestJwt.tokenFromIssuer("https://evil.example", "svc-retrieval", "service", null);
        for (String token : new String[] {foreign, expired, otherIssuer, foreign, expired, otherIssuer}) {
            assertThrows(ParseException.class, () -> cache.parse(token, settings));
        }
        assertEquals(6, verifier.calls.get());
    }

    @Test
    void aTamperedCopyOfAVerifiedTokenIsVerifiedAndRefused() throws Exception {
        String token = TestJwt.token("svc-retrieval", "service", null);
        cache.parse(token, settings);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "B" : "A") + "A";
        assertThrows(ParseException.class, () -> cache.parse(tampered, settings));
        assertEquals(2, verifier.calls.get());
    }

    @Test
    void aVerificationIsReusedForAtMostAMinute() throws Exception {
        String token = TestJwt.token("svc-retrieval", "service", null);
        cache.parse(token, settings);
        ticker.addAndGet(VerifiedTokenCache.MAX_REUSE.plusSeconds(1).toNanos());
        cache.parse(token, settings);
        assertEquals(2, verifier.calls.get());
    }

    @Test
    void aCachedTokenIsNotAnsweredFromTheCachePastItsExpiry() throws Exception {
        String token = TestJwt.token("svc-retrieval", "service", null); // valid for an hour
        JWTCallerPrincipal principal = cache.parse(token, settings);
        wallClock.set(principal.getExpirationTime() * 1000 + 1);
        cache.parse(token, settings); // the real verifier still accepts it (its clock is the real one): it ran again
        assertEquals(2, verifier.calls.get());
    }

    @Test
    void otherVerificationSettingsDoNotShareEntries() throws Exception {
        String token = TestJwt.token("svc-retrieval", "service", null);
        cache.parse(token, settings);
        JWTAuthContextInfo stricter = settings();
        stricter.setExpectedAudience(Set.of("another-audience"));
        assertThrows(ParseException.class, () -> cache.parse(token, stricter));
        assertEquals(2, verifier.calls.get());
    }
}
