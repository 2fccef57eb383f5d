package mr.bacmr.retrieval.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import mr.bacmr.common.web.Problems;
import mr.bacmr.retrieval.ask.AskProblems;

/**
 * The 429 of a spent ask allowance carries, beyond the standard problem members, the allowance and when it resets
 * (RFC 9457 extension members), so a client can show "come back at 00:00 UTC" without parsing the detail.
 */
public class AskProblemMappers {

    private final ObjectMapper mapper;

    public AskProblemMappers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerExceptionMapper
    public Response quotaExhausted(AskProblems.QuotaExhausted e, UriInfo uri) {
        Response standard = Problems.response(e.status(), e.type(), e.title(), e.getMessage(), uri.getPath(), null);
        ObjectNode body = mapper.valueToTree(standard.getEntity());
        body.put("limit", e.limit());
        body.put("resets_at", e.resetsAt().toInstant().toString());
        Response.ResponseBuilder response = Response.status(e.status()).type(standard.getMediaType()).entity(body);
        e.headers().forEach(response::header);
        return response.build();
    }
}
