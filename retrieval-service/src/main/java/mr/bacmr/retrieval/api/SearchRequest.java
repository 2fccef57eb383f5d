package mr.bacmr.retrieval.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import mr.bacmr.retrieval.domain.SearchFilters;

/**
 * {@code POST /v1/search}. {@code top_k} above the caller's tier is capped, not refused; {@code rerank} from a tier
 * without rerank is ignored, and the response says so.
 */
public record SearchRequest(
        @NotBlank @Size(max = 1_000) String query,
        @Min(1) @Max(100) Integer topK,
        @Valid SearchFilters filters,
        Boolean rerank) {

    public int topKOrDefault() {
        return topK == null ? 5 : topK;
    }

    public boolean rerankRequested() {
        return Boolean.TRUE.equals(rerank);
    }
}
