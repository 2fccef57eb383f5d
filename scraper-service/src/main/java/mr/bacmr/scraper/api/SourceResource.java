package mr.bacmr.scraper.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.common.auth.Role;
import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;
import mr.bacmr.scraper.domain.Source;
import mr.bacmr.scraper.store.SourceStore;

/** Crawl sources, curated by teachers and admins. */
@Path("/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.TEACHER, Role.Names.ADMIN})
public class SourceResource {

    private final SourceStore sources;

    public SourceResource(SourceStore sources) {
        this.sources = sources;
    }

    @GET
    @Operation(summary = "Configured crawl sources, by name")
    public Uni<Page<Source>> list(@BeanParam @Valid PageRequest page) {
        return sources.list(page);
    }
}
