package mr.bacmr.retrieval.ask;

import java.util.List;

/** The passages that fit the tier's context budget, numbered from 1 in rank order, and their token total. */
public record PackedContext(List<Passage> passages, int tokens, int budget) {

    public boolean isEmpty() {
        return passages.isEmpty();
    }

    public String text() {
        StringBuilder all = new StringBuilder();
        passages.forEach(passage -> all.append(passage.text()).append('\n'));
        return all.toString();
    }
}
