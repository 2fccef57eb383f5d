package mr.bacmr.billing.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import mr.bacmr.common.events.UsageRecorded;

/** Usage records (one per usage id) and their aggregate per user, model and UTC day. */
@ApplicationScoped
public class UsageStore {

    /** Model recorded when a usage names none (an extractive answer, say). */
    static final String NO_MODEL = "none";

    public Uni<Boolean> exists(SqlClient tx, UUID usageId) {
        return tx.preparedQuery("SELECT 1 FROM usage_records WHERE usage_id = $1").execute(Tuple.of(usageId))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Void> record(SqlClient tx, UUID eventId, UsageRecorded usage, long debited, long shortfall) {
        String model = usage.model() == null || usage.model().isBlank() ? NO_MODEL : usage.model();
        String operation = usage.operation() == null || usage.operation().isBlank() ? "unknown" : usage.operation();
        LocalDate day = usage.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate();
        return tx.preparedQuery("""
                        INSERT INTO usage_records (usage_id, event_id, user_id, operation, model, input_tokens,
                                                   output_tokens, credits, reservation_id, debited, shortfall, occurred_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""")
                .execute(Tuple.from(Arrays.asList(usage.usageId(), eventId, usage.userId(), operation, model,
                        usage.inputTokens(), usage.outputTokens(), usage.credits(), usage.reservationId(), debited,
                        shortfall, usage.occurredAt().atOffset(ZoneOffset.UTC))))
                .chain(() -> tx.preparedQuery("""
                                INSERT INTO usage_daily AS d (user_id, day, model, events, input_tokens, output_tokens,
                                                              credits, shortfall)
                                VALUES ($1, $2, $3, 1, $4, $5, $6, $7)
                                ON CONFLICT (user_id, day, model) DO UPDATE SET
                                    events = d.events + 1,
                                    input_tokens = d.input_tokens + EXCLUDED.input_tokens,
                                    output_tokens = d.output_tokens + EXCLUDED.output_tokens,
                                    credits = d.credits + EXCLUDED.credits,
                                    shortfall = d.shortfall + EXCLUDED.shortfall""")
                        .execute(Tuple.from(Arrays.asList(usage.userId(), day, model, usage.inputTokens(),
                                usage.outputTokens(), usage.credits(), shortfall))))
                .replaceWithVoid();
    }
}
