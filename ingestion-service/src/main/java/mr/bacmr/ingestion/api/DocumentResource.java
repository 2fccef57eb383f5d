package mr.bacmr.ingestion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.common.auth.Role;
import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;
import mr.bacmr.ingestion.domain.DocumentFilter;
import mr.bacmr.ingestion.domain.DocumentSummary;
import mr.bacmr.ingestion.store.DocumentStore;

/** The library of ingested course books and exams. */
@Path("/v1/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    private final DocumentStore documents;

    public DocumentResource(DocumentStore documents) {
        this.documents = documents;
    }

    @GET
    @RolesAllowed({Role.Names.STUDENT, Role.Names.TEACHER, Role.Names.ADMIN})
    @Operation(summary = "Registered documents, newest first, with optional filters")
    public Uni<Page<DocumentSummary>> list(@QueryParam("subject") String subject, @QueryParam("level") String level,
                                           @QueryParam("language") String language, @QueryParam("status") String status,
                                           @BeanParam @Valid PageRequest page) {
        return documents.list(new DocumentFilter(subject, level, language, status), page);
    }
}
