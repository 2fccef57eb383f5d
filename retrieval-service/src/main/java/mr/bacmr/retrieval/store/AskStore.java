package mr.bacmr.retrieval.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import mr.bacmr.retrieval.ask.AskRecord;

/** Retrieval's record of answered asks. */
@ApplicationScoped
public class AskStore {

    public Uni<Void> insert(SqlClient tx, AskRecord ask) {
        Boolean grounded = ask.validation() == null ? null : ask.validation().grounded();
        Boolean languageOk = ask.validation() == null ? null : ask.validation().languageOk();
        String judge = ask.validation() == null ? null : ask.validation().judge();
        return tx.preparedQuery("""
                        INSERT INTO asks (id, user_id, request_id, mode, language, model, reservation_id, input_tokens,
                                          output_tokens, credits, fallback, grounded, language_ok, judge)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)""")
                .execute(Tuple.from(new Object[]{ask.id(), ask.userId(), ask.requestId(), ask.mode().label(),
                        ask.language(), ask.model(), ask.reservationId(), ask.inputTokens(), ask.outputTokens(),
                        ask.credits(), ask.fallback(), grounded, languageOk, judge}))
                .replaceWithVoid();
    }
}
