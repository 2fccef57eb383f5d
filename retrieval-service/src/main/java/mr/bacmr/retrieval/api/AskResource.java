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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import mr.bacmr.common.auth.Caller;
import mr.bacmr.common.auth.Role;
import mr.bacmr.common.web.RequestIds;
import mr.bacmr.retrieval.ask.AskService;
import mr.bacmr.retrieval.ask.Question;
import mr.bacmr.retrieval.domain.SearchFilters;

/** Questions answered from course books and exams, with citations; billed per answer, limited per day by tier. */
@Path("/v1/ask")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.STUDENT, Role.Names.TEACHER, Role.Names.ADMIN})
public class AskResource {

    private final AskService asks;
    private final JsonWebToken jwt;

    public AskResource(AskService asks, JsonWebToken jwt) {
        this.asks = asks;
        this.jwt = jwt;
    }

    @POST
    @Operation(summary = "Answer a question from the indexed documents, generatively or by quoting them")
    @APIResponse(responseCode = "200", description = "Answered; mode says how")
    @APIResponse(responseCode = "402", description = "insufficient-credits: the wallet cannot cover the estimate")
    @APIResponse(responseCode = "429", description = "ask-quota-exhausted: the tier's asks for today are spent")
    @APIResponse(responseCode = "503", description = "billing-unavailable: no answer is given unbilled")
    public Uni<AskResponse> ask(@NotNull @Valid AskRequest request) {
        Caller caller = Caller.of(jwt);
        Question question = new Question(request.question(),
                request.filters() == null ? SearchFilters.NONE : request.filters(), request.language());
        return asks.ask(caller, question, RequestIds.current()).map(AskResponse::of);
    }
}
