package mr.bacmr.ingestion.api;

import java.time.Instant;
import java.util.Map;

/** Where and how to PUT the file: send exactly {@code headers}, before {@code expires_at}. */
public record UploadTicket(String objectKey, String uploadUrl, String method, Map<String, String> headers,
                           Instant expiresAt, long maxSize) {
}
