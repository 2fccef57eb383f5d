package mr.bacmr.ingestion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.common.auth.Role;
import mr.bacmr.ingestion.domain.StoredChunk;
import mr.bacmr.ingestion.store.ChunkStore;

/** Canonical chunk text for retrieval (S11), by id, in batches. Service-to-service only. */
@Path("/internal/v1/chunks:batchGet")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.SERVICE)
public class InternalChunkResource {

    public static final int MAX_IDS = 200;

    private final ChunkStore chunks;

    public InternalChunkResource(ChunkStore chunks) {
        this.chunks = chunks;
    }

    public record BatchGetRequest(@NotEmpty @Size(max = MAX_IDS) List<@NotNull String> ids) {
    }

    /** Found chunks, and the ids that are not (or no longer) in the store. */
    public record BatchGetResponse(List<StoredChunk> chunks, List<String> missing) {
    }

    @POST
    @Operation(summary = "Texts and metadata of up to 200 chunks")
    public Uni<BatchGetResponse> batchGet(@NotNull @Valid BatchGetRequest request) {
        Set<String> wanted = new LinkedHashSet<>(request.ids());
        return chunks.byIds(List.copyOf(wanted)).map(found -> {
            found.forEach(chunk -> wanted.remove(chunk.id()));
            return new BatchGetResponse(found, List.copyOf(wanted));
        });
    }
}
