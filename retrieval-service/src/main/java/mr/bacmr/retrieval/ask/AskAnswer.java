package mr.bacmr.retrieval.ask;

import java.util.List;
import java.util.Map;

/**
 * An answered ask: the answer text, the passages it was answered from (its citations), the sentences highlighted in
 * them (extractive answers), the validation verdict, and the usage record it was billed and published with.
 */
public record AskAnswer(String text, List<Passage> passages, Map<Integer, List<String>> highlights,
                        Validation validation, AskRecord record) {
}
