package mr.bacmr.quiz.domain;

import java.time.Instant;
import java.util.UUID;

/** A generated quiz as the student's history lists it. */
public record QuizSummary(UUID id, String subject, String topic, String language, String difficulty, String mode,
                          int questionCount, Instant createdAt) {
}
