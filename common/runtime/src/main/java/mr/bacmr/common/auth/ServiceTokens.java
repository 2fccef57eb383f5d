package mr.bacmr.common.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bearer tokens this service presents to other services: a static token when one is configured (production may get
 * one from an identity provider), otherwise a short-lived RS256 JWT it mints itself ({@code sub} = application name,
 * {@code role=service}, the issuer and audience the receivers verify), reused until shortly before it expires.
 */
@ApplicationScoped
public class ServiceTokens {

    /** A cached token is replaced this long before it expires, so a request never leaves with a dying one. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

    private final String subject;
    private final String issuer;
    private final String audience;
    private final String privateKeyLocation;
    private final Duration ttl;
    private final Optional<String> staticToken;
    private final Clock clock;

    private volatile PrivateKey key;
    private volatile Minted current;

    @Inject
    public ServiceTokens(@ConfigProperty(name = "quarkus.application.name") String subject,
                         @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
                         @ConfigProperty(name = "mp.jwt.verify.audiences") String audiences,
                         @ConfigProperty(name = "bacmr.service-auth.private-key-location") String privateKeyLocation,
                         @ConfigProperty(name = "bacmr.service-auth.token-ttl", defaultValue = "5m") Duration ttl,
                         @ConfigProperty(name = "bacmr.service-auth.token") Optional<String> staticToken) {
        this(subject, issuer, audiences, privateKeyLocation, ttl, staticToken, Clock.systemUTC());
    }

    ServiceTokens(String subject, String issuer, String audiences, String privateKeyLocation, Duration ttl,
                  Optional<String> staticToken, Clock clock) {
        if (ttl.compareTo(RENEW_BEFORE_EXPIRY.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("bacmr.service-auth.token-ttl must be at least 1m, not " + ttl);
        }
        this.subject = subject;
        this.issuer = issuer;
        this.audience = audiences.split(",")[0].trim();
        this.privateKeyLocation = privateKeyLocation;
        this.ttl = ttl;
        this.staticToken = staticToken.filter(token -> !token.isBlank());
        this.clock = clock;
    }

    /** The token to send as {@code Authorization: Bearer …}. */
    public String token() {
        if (staticToken.isPresent()) {
            return staticToken.get();
        }
        Instant now = clock.instant();
        Minted minted = current;
        if (minted == null || !now.isBefore(minted.expiresAt().minus(RENEW_BEFORE_EXPIRY))) {
            synchronized (this) {
                minted = current;
                if (minted == null || !now.isBefore(minted.expiresAt().minus(RENEW_BEFORE_EXPIRY))) {
                    minted = mint(now);
                    current = minted;
                }
            }
        }
        return minted.token();
    }

    private Minted mint(Instant now) {
        Instant expiresAt = now.plus(ttl);
        String token = Jwt.issuer(issuer)
                .audience(audience)
                .subject(subject)
                .upn(subject)
                .claim(Caller.ROLE_CLAIM, Role.SERVICE.claim())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .jws()
                .sign(privateKey());
        return new Minted(token, expiresAt);
    }

    private PrivateKey privateKey() {
        if (key == null) {
            try {
                key = KeyUtils.decodePrivateKey(Files.readString(Path.of(privateKeyLocation)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the service signing key at " + privateKeyLocation
                        + " (bacmr.service-auth.private-key-location, or set bacmr.service-auth.token)", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the service signing key at " + privateKeyLocation
                        + " is not a PEM PKCS#8 RSA private key", e);
            }
        }
        return key;
    }

    private record Minted(String token, Instant expiresAt) {
    }
}
