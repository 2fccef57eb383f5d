package mr.bacmr.quiz.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.common.auth.Role;
import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;
import mr.bacmr.quiz.domain.QuizSummary;
import mr.bacmr.quiz.store.QuizStore;

/** A student's quizzes. Service tokens have no user, so they have no quizzes either. */
@Path("/v1/quizzes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.STUDENT, Role.Names.TEACHER, Role.Names.ADMIN})
public class QuizResource {

    private final QuizStore quizzes;
    private final JsonWebToken jwt;

    public QuizResource(QuizStore quizzes, JsonWebToken jwt) {
        this.quizzes = quizzes;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "The caller's quizzes, newest first")
    public Uni<Page<QuizSummary>> mine(@BeanParam @Valid PageRequest page) {
        return quizzes.listFor(jwt.getSubject(), page);
    }
}
