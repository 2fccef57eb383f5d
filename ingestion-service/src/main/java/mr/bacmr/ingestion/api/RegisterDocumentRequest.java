package mr.bacmr.ingestion.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/documents}: an uploaded object and how to catalogue it. */
public record RegisterDocumentRequest(
        @NotBlank @Size(max = 1_024) String objectKey,
        @NotBlank @Size(max = 500) String title,
        @Size(max = 100) String subject,
        @Size(max = 100) String level,
        @Pattern(regexp = "ar|fr|en|other") String language,
        @Size(max = 2_000) String source) {
}
