package mr.bacmr.retrieval.api;

import io.smallrye.common.annotation.Blocking;
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
import mr.bacmr.retrieval.domain.SearchIndex;

/** Search over course books and exams, capped by the caller's tier. */
@Path("/v1/search")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.STUDENT, Role.Names.TEACHER, Role.Names.ADMIN, Role.Names.SERVICE})
public class SearchResource {

    private final SearchIndex index;
    private final JsonWebToken jwt;

    public SearchResource(SearchIndex index, JsonWebToken jwt) {
        this.index = index;
        this.jwt = jwt;
    }

    @POST
    @Blocking // index reads touch memory-mapped files; keep them off the event loop
    @Operation(summary = "Hybrid search with filters; top_k is capped by the caller's tier")
    public SearchResponse search(@NotNull @Valid SearchRequest request) {
        Caller caller = Caller.of(jwt);
        TierLimits limits = caller.tier().limits();
        int served = limits.capTopK(request.topKOrDefault());
        return new SearchResponse(request.query(), served, served < request.topKOrDefault(), caller.tier().claim(),
                index.search(request.query(), served));
    }
}
