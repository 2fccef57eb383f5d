package mr.bacmr.ingestion.chunking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lowercase hex sha256 of a string's UTF-8 bytes. */
public final class Sha256 {

    private Sha256() {
    }

    public static String hex(String text) {
        try {
            // a new digest per call: MessageDigest is not thread-safe and is cheap to create
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The chunk id: stable across re-ingestion of identical bytes. */
    public static String chunkId(String fileId, int page, int index) {
        return hex(fileId + ":" + page + ":" + index);
    }
}
