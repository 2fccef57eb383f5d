package mr.bacmr.ingestion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.common.auth.Caller;
import mr.bacmr.common.auth.Role;
import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;
import mr.bacmr.common.web.ProblemException;
import mr.bacmr.ingestion.domain.DocumentDeleter;
import mr.bacmr.ingestion.domain.DocumentDetail;
import mr.bacmr.ingestion.domain.DocumentFilter;
import mr.bacmr.ingestion.domain.DocumentRegistrar;
import mr.bacmr.ingestion.domain.DocumentSummary;
import mr.bacmr.ingestion.domain.IngestionProblems;
import mr.bacmr.ingestion.domain.NewDocument;
import mr.bacmr.ingestion.domain.ObjectKeys;
import mr.bacmr.ingestion.store.DocumentStore;

/** The library of ingested course books and exams. */
@Path("/v1/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    private final DocumentStore documents;
    private final DocumentRegistrar registrar;
    private final DocumentDeleter deleter;
    private final JsonWebToken jwt;

    public DocumentResource(DocumentStore documents, DocumentRegistrar registrar, DocumentDeleter deleter,
                            JsonWebToken jwt) {
        this.documents = documents;
        this.registrar = registrar;
        this.deleter = deleter;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({Role.Names.STUDENT, Role.Names.TEACHER, Role.Names.ADMIN})
    @Operation(summary = "Registered documents, newest first, with optional filters")
    public Uni<Page<DocumentSummary>> list(@QueryParam("subject") String subject, @QueryParam("level") String level,
                                           @QueryParam("language") String language, @QueryParam("status") String status,
                                           @BeanParam @Valid PageRequest page) {
        return documents.list(new DocumentFilter(subject, level, language, status), page);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.TEACHER, Role.Names.ADMIN})
    @Operation(summary = "Register an uploaded PDF: 202 with its job when new, 200 with the existing document for known bytes")
    public Uni<Response> register(@NotNull @Valid RegisterDocumentRequest request) {
        Caller caller = Caller.of(jwt);
        if (!caller.isAdmin() && !ObjectKeys.isUploadOf(request.objectKey(), caller.userId())) {
            throw IngestionProblems.objectNotYours(request.objectKey());
        }
        NewDocument document = new NewDocument(request.objectKey(), request.title().trim(), request.subject(),
                request.level(), request.language(), request.source(), caller.userId());
        return registrar.register(document).map(registration -> Response
                .status(registration.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(registration)
                .build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.Names.STUDENT, Role.Names.TEACHER, Role.Names.ADMIN, Role.Names.SERVICE})
    @Operation(summary = "One document: status, pages, chunks, pages that need OCR, latest job")
    public Uni<DocumentDetail> get(@PathParam("id") UUID id) {
        return documents.find(id).map(found -> found.orElseThrow(() -> ProblemException.notFound("document", id)));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(summary = "Delete a document: its chunks leave the canonical store and are tombstoned downstream")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return deleter.delete(id).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("document", id);
            }
            return Response.noContent().build();
        });
    }
}
