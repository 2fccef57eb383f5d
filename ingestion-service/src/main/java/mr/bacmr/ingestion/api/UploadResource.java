package mr.bacmr.ingestion.api;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.common.auth.Role;
import mr.bacmr.ingestion.client.ObjectStore;
import mr.bacmr.ingestion.config.IngestionConfig;
import mr.bacmr.ingestion.domain.IngestionProblems;
import mr.bacmr.ingestion.domain.ObjectKeys;

/** Presigned uploads (S21): the file goes straight to the object store, never through this service. */
@Path("/v1/uploads")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.TEACHER, Role.Names.ADMIN})
public class UploadResource {

    static final String PDF = "application/pdf";

    private final ObjectStore objectStore;
    private final IngestionConfig config;
    private final JsonWebToken jwt;

    public UploadResource(ObjectStore objectStore, IngestionConfig config, JsonWebToken jwt) {
        this.objectStore = objectStore;
        this.config = config;
        this.jwt = jwt;
    }

    @POST
    @Operation(summary = "A presigned PUT URL for one PDF; register it with POST /v1/documents once uploaded")
    public Uni<Response> create(@NotNull @Valid UploadRequest request) {
        if (!PDF.equalsIgnoreCase(request.contentType().trim())) {
            throw IngestionProblems.typeNotAllowed(request.contentType());
        }
        long max = config.uploads().maxSize();
        if (request.size() > max) {
            throw IngestionProblems.tooLarge(request.size(), max);
        }
        String key = ObjectKeys.upload(jwt.getSubject(), UUID.randomUUID());
        // Signing is local CPU work, but the SDK may read credentials/profile files: keep it off the event loop.
        return Uni.createFrom().item(() -> objectStore.presignPut(key, request.size(), config.uploads().urlTtl()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(presigned -> Response.status(Response.Status.CREATED)
                        .entity(new UploadTicket(key, presigned.url(), "PUT", presigned.headers(),
                                presigned.expiresAt(), max))
                        .build());
    }
}
