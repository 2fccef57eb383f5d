package mr.bacmr.retrieval.ask;

import java.util.List;
import java.util.Map;

/** An answer quoted from the sources: its text, and per source number the sentences it highlights. */
public record ExtractiveAnswer(String text, Map<Integer, List<String>> highlights) {
}
