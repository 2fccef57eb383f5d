package mr.bacmr.common.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.UUID;

import mr.bacmr.common.outbox.OutboxMessage;

/**
 * Payload of {@code usage.recorded} on {@link Topics#USAGE} (key = user id): what a paid operation used and was
 * charged. With a {@code reservation_id} the credits were already captured by finalize and billing only aggregates;
 * without one billing debits them ({@code USAGE_DEBIT}, reference = {@code usage_id}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageRecorded(
        @JsonProperty("usage_id") UUID usageId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("operation") String operation,
        @JsonProperty("model") String model,
        @JsonProperty("input_tokens") long inputTokens,
        @JsonProperty("output_tokens") long outputTokens,
        @JsonProperty("credits") long credits,
        @JsonProperty("reservation_id") UUID reservationId,
        @JsonProperty("occurred_at") @JsonFormat(shape = JsonFormat.Shape.STRING) Instant occurredAt) {

    public static final String TYPE = "usage.recorded";
    public static final int VERSION = 1;

    /** The outbox record of this usage; its event id derives from {@code usage_id}, so a re-run cannot publish it twice. */
    public OutboxMessage toOutbox(ObjectMapper mapper, String producer) {
        EventEnvelope envelope = EventEnvelope.createIdentified(mapper, usageId.toString(), TYPE, VERSION, producer, this);
        return OutboxMessage.event(Topics.USAGE, userId, envelope);
    }
}
