package mr.bacmr.retrieval.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

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
    private final AskReplays replays;
    private final JsonWebToken jwt;

    public AskResource(AskService asks, AskReplays replays, JsonWebToken jwt) {
        this.asks = asks;
        this.replays = replays;
        this.jwt = jwt;
    }

    @POST
    @Operation(summary = "Answer a question from the indexed documents, generatively or by quoting them")
    @APIResponse(responseCode = "200", description = "Answered; mode says how")
    @APIResponse(responseCode = "402", description = "insufficient-credits: the wallet cannot cover the estimate")
    @APIResponse(responseCode = "429", description = "ask-quota-exhausted: the tier's asks for today are spent")
    @APIResponse(responseCode = "409", description = "idempotency-key-reused (another question under this key) or "
            + "idempotency-key-in-progress (its first request is still being answered; Retry-After)")
    @APIResponse(responseCode = "503", description = "billing-unavailable: no answer is given unbilled")
    public Uni<RestResponse<AskResponse>> ask(@NotNull @Valid AskRequest request,
            @Parameter(description = "Makes retries safe: the same key and body within 24 h replay the first answer "
                    + "(header Idempotent-Replayed: true) instead of answering and charging again")
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 255) @Pattern(regexp = "[\\x21-\\x7E]+",
                    message = "must be 1 to 255 visible ASCII characters") String idempotencyKey) {
        Caller caller = Caller.of(jwt);
        Question question = new Question(request.question(),
                request.filters() == null ? SearchFilters.NONE : request.filters(), request.language());
        String requestId = RequestIds.current();
        return replays.once(caller.userId(), idempotencyKey, request,
                () -> asks.ask(caller, question, requestId).map(AskResponse::of));
    }
}
