package mr.bacmr.billing.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What an idempotency key was first used with, so a repeat can be told apart from a reuse with other parameters. */
public final class RequestFingerprint {

    public static String of(Object... parameters) {
        StringBuilder canonical = new StringBuilder();
        for (Object parameter : parameters) {
            canonical.append(parameter).append('\u001f');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private RequestFingerprint() {
    }
}
