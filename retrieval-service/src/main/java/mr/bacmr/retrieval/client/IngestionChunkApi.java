package mr.bacmr.retrieval.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import mr.bacmr.common.auth.ServiceTokenClientFilter;
import mr.bacmr.common.web.RequestIdClientFilter;


/** Ingestion's canonical chunk store, for services ({@code POST /internal/v1/chunks:batchGet}, at most 200 ids). */
@RegisterRestClient(configKey = "ingestion")
@RegisterProvider(RequestIdClientFilter.class)
@RegisterProvider(ServiceTokenClientFilter.class) // our own service only: the token never reaches a third party
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface IngestionChunkApi {

    int MAX_IDS = 200;

    @POST
    @Path("/chunks:batchGet")
    Uni<BatchGetResponse> batchGet(BatchGetRequest request);

    record BatchGetRequest(List<String> ids) {
    }

    /** Only the fields retrieval reads; ingestion sends the chunk's metadata too. */
    record BatchGetResponse(List<StoredChunk> chunks, List<String> missing) {
    }

    record StoredChunk(String id, String text) {
    }
}
