package mr.bacmr.ingestion.domain;

import java.util.UUID;
import java.util.regex.Pattern;

/** Object keys of uploads: {@code uploads/<user>/<uuid>.pdf}, so ownership is readable from the key. */
public final class ObjectKeys {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._@-]");

    public static String upload(String userId, UUID id) {
        return "uploads/" + safe(userId) + "/" + id + ".pdf";
    }

    public static boolean isUploadOf(String key, String userId) {
        return key.startsWith("uploads/" + safe(userId) + "/") && !key.contains("..");
    }

    private static String safe(String userId) {
        return UNSAFE.matcher(userId).replaceAll("_");
    }

    private ObjectKeys() {
    }
}
