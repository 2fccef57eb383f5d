package mr.bacmr.ingestion.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/uploads}: what the client is about to upload. */
public record UploadRequest(@NotBlank @Size(max = 255) String filename,
                            @NotBlank String contentType,
                            @NotNull @Positive Long size) {
}
