package mr.bacmr.retrieval.api;

import jakarta.validation.constraints.Pattern;

import java.util.UUID;

/** Optional search filters; a null field does not filter. */
public record SearchFilters(String subject, String level, @Pattern(regexp = "ar|fr|en|other") String language,
                            UUID documentId) {
}
