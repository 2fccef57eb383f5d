package mr.bacmr.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/** A job a worker holds under a lease. */
public record ClaimedJob(UUID id, String kind, UUID documentId, int attempt, int maxAttempts, JsonNode options) {
}
