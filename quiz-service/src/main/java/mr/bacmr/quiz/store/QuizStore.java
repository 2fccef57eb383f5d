package mr.bacmr.quiz.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;
import mr.bacmr.quiz.domain.QuizSummary;

/** Reads a student's quizzes; every query is scoped to one user. */
@ApplicationScoped
public class QuizStore {

    private final Pool pool;

    public QuizStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page<QuizSummary>> listFor(String userId, PageRequest page) {
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM quizzes WHERE user_id = $1")
                .execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getLong(0));
        Uni<List<QuizSummary>> items = pool.preparedQuery("""
                        SELECT q.id, q.subject, q.topic, q.language, q.difficulty, q.mode, q.created_at,
                               (SELECT count(*) FROM quiz_questions qq WHERE qq.quiz_id = q.id) AS question_count
                        FROM quizzes q WHERE q.user_id = $1
                        ORDER BY q.created_at DESC, q.id LIMIT $2 OFFSET $3""")
                .execute(Tuple.of(userId, page.size(), page.offset()))
                .map(rows -> {
                    List<QuizSummary> quizzes = new ArrayList<>(rows.size());
                    rows.forEach(row -> quizzes.add(new QuizSummary(row.getUUID("id"), row.getString("subject"),
                            row.getString("topic"), row.getString("language"), row.getString("difficulty"),
                            row.getString("mode"), row.getLong("question_count").intValue(),
                            row.getOffsetDateTime("created_at").toInstant())));
                    return quizzes;
                });
        return Page.of(items, total, page);
    }
}
