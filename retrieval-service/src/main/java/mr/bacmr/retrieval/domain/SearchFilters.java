package mr.bacmr.retrieval.domain;

import jakarta.validation.constraints.Pattern;

import java.util.UUID;

/** Optional search filters; a null field does not filter. */
public record SearchFilters(String subject, String level, @Pattern(regexp = "ar|fr|en|other") String language,
                            UUID documentId) {

    public static final SearchFilters NONE = new SearchFilters(null, null, null, null);

    public boolean isEmpty() {
        return subject == null && level == null && language == null && documentId == null;
    }
}
