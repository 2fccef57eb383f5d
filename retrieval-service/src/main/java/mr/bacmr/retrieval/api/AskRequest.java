package mr.bacmr.retrieval.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import mr.bacmr.retrieval.domain.SearchFilters;

/**
 * {@code POST /v1/ask}. {@code language} is the language the answer is wanted in ({@code ar} also for Hassaniya);
 * without it the question's language is detected.
 */
public record AskRequest(
        @NotBlank @Size(max = 2_000) String question,
        @Valid SearchFilters filters,
        @Pattern(regexp = "ar|fr|en", message = "must be ar, fr or en") String language) {
}
