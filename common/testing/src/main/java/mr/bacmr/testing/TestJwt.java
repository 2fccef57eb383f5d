package mr.bacmr.testing;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Mints RS256 tokens for tests. The key pair is made once per JVM (kept in system properties, so every class
 * loader signs with the same key) and its public half is written where the services read it.
 */
public final class TestJwt {

    public static final String ISSUER = "https://auth.bacmr.test";
    public static final String AUDIENCE = "bacmr";

    private static final String PRIVATE_PROPERTY = "bacmr.test.jwt.private-key";
    private static final String PUBLIC_FILE_PROPERTY = "bacmr.test.jwt.public-key-file";
    private static final String PRIVATE_FILE_PROPERTY = "bacmr.test.jwt.private-key-file";

    public static String token(String user, String role, String tier) {
        return sign(user, role, tier, Instant.now(), Duration.ofHours(1), privateKey(), ISSUER);
    }

    public static String expiredToken(String user, String role, String tier) {
        return sign(user, role, tier, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1), privateKey(), ISSUER);
    }

    /** A well-formed token with the right claims, signed by a key the services do not trust. */
    public static String foreignToken(String user, String role, String tier) {
        return sign(user, role, tier, Instant.now(), Duration.ofHours(1), generate().getPrivate(), ISSUER);
    }

    public static String tokenFromIssuer(String issuer, String user, String role, String tier) {
        return sign(user, role, tier, Instant.now(), Duration.ofHours(1), privateKey(), issuer);
    }

    /** Path of the PEM public key, for {@code mp.jwt.verify.publickey.location}. */
    public static synchronized String publicKeyFile() {
        ensureKeys();
        return System.getProperty(PUBLIC_FILE_PROPERTY);
    }

    /**
     * Path of the PEM (PKCS#8) private key, for {@code bacmr.service-auth.private-key-location}: services under test
     * mint their service-to-service tokens with the key the tests trust.
     */
    public static synchronized String privateKeyFile() {
        ensureKeys();
        String existing = System.getProperty(PRIVATE_FILE_PROPERTY);
        if (existing != null) {
            return existing;
        }
        try {
            Path file = Files.createTempFile("bacmr-test-jwt-private-", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(privateKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            System.setProperty(PRIVATE_FILE_PROPERTY, file.toString());
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sign(String user, String role, String tier, Instant issuedAt, Duration ttl,
                               PrivateKey key, String issuer) {
        var claims = Jwt.issuer(issuer)
                .audience(AUDIENCE)
                .subject(user)
                .upn(user)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(ttl));
        if (role != null) {
            claims.claim("role", role);
        }
        if (tier != null) {
            claims.claim("tier", tier);
        }
        return claims.jws().keyId("bacmr-test").sign(key);
    }

    private static synchronized PrivateKey privateKey() {
        ensureKeys();
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(PRIVATE_PROPERTY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("test signing key unreadable", e);
        }
    }

    private static void ensureKeys() {
        if (System.getProperty(PRIVATE_PROPERTY) != null) {
            return;
        }
        KeyPair pair = generate();
        try {
            Path file = Files.createTempFile("bacmr-test-jwt-", ".pem");
            file.toFile().deleteOnExit();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            System.setProperty(PUBLIC_FILE_PROPERTY, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(PRIVATE_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestJwt() {
    }
}
