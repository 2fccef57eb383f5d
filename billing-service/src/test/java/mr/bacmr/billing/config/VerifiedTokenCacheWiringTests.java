package mr.bacmr.billing.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import mr.bacmr.common.auth.VerifiedTokenCache;
import mr.bacmr.testing.BacmrTestInfrastructure;
import mr.bacmr.testing.TestJwt;

/** The running service verifies bearer tokens through {@link VerifiedTokenCache}, with its configured settings. */
@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "billing"))
class VerifiedTokenCacheWiringTests {

    @Inject
    JWTParser parser;

    @Test
    void theServiceReusesAVerifiedTokenAndStillRefusesBadOnes() throws Exception {
        String token = TestJwt.token("svc-wiring", "service", null);
        JsonWebToken first = parser.parse(token);
        assertSame(first, parser.parse(token), "the second parse is answered by the cache");
        assertEquals("svc-wiring", first.getSubject());
        assertThrows(ParseException.class, () -> parser.parse(TestJwt.foreignToken("svc-wiring", "service", null)));
        assertThrows(ParseException.class, () -> parser.parse(TestJwt.expiredToken("svc-wiring", "service", null)));
    }
}
