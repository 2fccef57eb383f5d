package mr.bacmr.retrieval.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.common.auth.Caller;
import mr.bacmr.common.auth.Role;
import mr.bacmr.common.auth.TierLimits;
import mr.bacmr.retrieval.domain.SearchFilters;
import mr.bacmr.retrieval.domain.SearchQuery;
import mr.bacmr.retrieval.domain.SearchService;

/** Search over course books and exams, capped by the caller's tier (S12). */
@Path("/v1/search")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.STUDENT, Role.Names.TEACHER, Role.Names.ADMIN, Role.Names.SERVICE})
public class SearchResource {

    private final SearchService search;
    private final JsonWebToken jwt;

    public SearchResource(SearchService search, JsonWebToken jwt) {
        this.search = search;
        this.jwt = jwt;
    }

    @POST
    @Operation(summary = "Hybrid search (BM25 + vectors, reciprocal rank fusion) with filters and optional rerank; "
            + "top_k is capped and rerank ignored as the caller's tier requires, and the response says so")
    public Uni<SearchResponse> search(@NotNull @Valid SearchRequest request) {
        Caller caller = Caller.of(jwt);
        TierLimits limits = caller.tier().limits();
        int served = limits.capTopK(request.topKOrDefault());
        boolean rerankIgnored = request.rerankRequested() && !limits.rerank();
        boolean rerank = request.rerankRequested() && limits.rerank();
        SearchFilters filters = request.filters() == null ? SearchFilters.NONE : request.filters();
        return search.search(new SearchQuery(request.query(), served, filters, rerank))
                .map(result -> new SearchResponse(request.query(), served, served < request.topKOrDefault(),
                        caller.tier().claim(), result.reranked(), rerankIgnored, result.textUnavailable(),
                        result.vectorUnavailable(), result.hits()));
    }
}
