package mr.bacmr.ingestion.domain;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import mr.bacmr.ingestion.client.ObjectStore;
import mr.bacmr.ingestion.config.IngestionConfig;

/**
 * Reads an uploaded object once, streaming: checks it is a non-empty PDF within the size limit and hashes it.
 * Blocking; run on a worker thread.
 */
@ApplicationScoped
public class ObjectFingerprinter {

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    /** The PDF spec lets the header start anywhere in the first 1024 bytes. */
    private static final int HEADER_WINDOW = 1024;

    private final ObjectStore objectStore;
    private final IngestionConfig config;

    public ObjectFingerprinter(ObjectStore objectStore, IngestionConfig config) {
        this.objectStore = objectStore;
        this.config = config;
    }

    public Fingerprint fingerprint(String objectKey) {
        ObjectStore.StoredObject object = objectStore.head(objectKey)
                .orElseThrow(() -> IngestionProblems.objectNotFound(objectKey));
        if (object.size() == 0) {
            throw IngestionProblems.empty();
        }
        if (object.size() > config.uploads().maxSize()) {
            throw IngestionProblems.tooLarge(object.size(), config.uploads().maxSize());
        }
        try (InputStream in = objectStore.open(objectKey)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            byte[] head = new byte[HEADER_WINDOW];
            int headLength = 0;
            long total = 0;
            for (int read; (read = in.read(buffer)) != -1; ) {
                sha256.update(buffer, 0, read);
                if (headLength < HEADER_WINDOW) {
                    int copy = Math.min(read, HEADER_WINDOW - headLength);
                    System.arraycopy(buffer, 0, head, headLength, copy);
                    headLength += copy;
                }
                total += read;
            }
            if (!containsPdfHeader(head, headLength)) {
                throw IngestionProblems.notAPdf();
            }
            return new Fingerprint(HexFormat.of().formatHex(sha256.digest()), total);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + objectKey + " from the object store failed", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean containsPdfHeader(byte[] head, int length) {
        outer:
        for (int i = 0; i + PDF_MAGIC.length <= length; i++) {
            for (int j = 0; j < PDF_MAGIC.length; j++) {
                if (head[i + j] != PDF_MAGIC[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
