package mr.bacmr.common.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import mr.bacmr.testing.TestJwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Service tokens: the claims receivers check, reuse until shortly before expiry, a configured token first. */
class ServiceTokensTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mintsAServiceTokenAndReusesItUntilShortlyBeforeItExpires() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
        ServiceTokens tokens = new ServiceTokens("quiz-service", "https://auth.example", "bacmr,other",
                TestJwt.privateKeyFile(), Duration.ofMinutes(5), Optional.empty(), clock);

        String first = tokens.token();
        JsonNode claims = claims(first);
        assertEquals("quiz-service", claims.get("sub").asText());
        assertEquals("service", claims.get("role").asText());
        assertEquals("https://auth.example", claims.get("iss").asText());
        assertEquals("bacmr", claims.get("aud").isArray() ? claims.get("aud").get(0).asText() : claims.get("aud").asText());
        assertEquals(300, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertEquals("RS256", JSON.readTree(decode(first.split("\\.")[0])).get("alg").asText());

        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertEquals(first, tokens.token(), "still more than 30 s to live");
        clock.now = clock.now.plusSeconds(31);
        assertNotEquals(first, tokens.token(), "renewed 30 s before expiry");
    }

    @Test
    void aConfiguredTokenIsUsedAsIs() {
        ServiceTokens tokens = new ServiceTokens("quiz-service", "iss", "aud", "/nowhere.pem", Duration.ofMinutes(5),
                Optional.of("from-the-identity-provider"), Clock.systemUTC());
        assertEquals("from-the-identity-provider", tokens.token());
    }

    @Test
    void aMissingKeyIsAClearError() throws Exception {
        Path missing = Files.createTempDirectory("no-key").resolve("jwt-private.pem");
        ServiceTokens tokens = new ServiceTokens("quiz-service", "iss", "aud", missing.toString(), Duration.ofMinutes(5),
                Optional.empty(), Clock.systemUTC());
        RuntimeException error = assertThrows(RuntimeException.class, tokens::token);
        assertEquals(true, error.getMessage().contains("bacmr.service-auth.private-key-location"), error.getMessage());
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(decode(jwt.split("\\.")[1]));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
