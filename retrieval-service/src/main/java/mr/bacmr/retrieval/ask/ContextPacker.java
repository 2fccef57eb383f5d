package mr.bacmr.retrieval.ask;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

import mr.bacmr.retrieval.domain.SearchHit;

/**
 * Fills the tier's context-token budget with retrieved passages, best first. A passage that does not fit is skipped
 * (a shorter, lower-ranked one may still fit); only when not even the best passage fits is it cut to the budget,
 * so a question with hits never goes to the model without context.
 */
@ApplicationScoped
public class ContextPacker {

    private final TokenCounter tokens;

    public ContextPacker(TokenCounter tokens) {
        this.tokens = tokens;
    }

    public PackedContext pack(List<SearchHit> hits, int budget) {
        List<Passage> passages = new ArrayList<>();
        int used = 0;
        for (SearchHit hit : hits) {
            String text = hit.text();
            if (text == null || text.isBlank()) {
                continue; // the canonical store could not be reached for this one
            }
            // The index knows the chunk's o200k count: ingestion chunked with the same encoding.
            int count = hit.tokenCount() > 0 ? hit.tokenCount() : tokens.count(text);
            if (used + count <= budget) {
                passages.add(new Passage(passages.size() + 1, hit, text, count, false));
                used += count;
            } else if (passages.isEmpty()) {
                String cut = tokens.truncate(text, budget);
                int cutCount = tokens.count(cut);
                passages.add(new Passage(1, hit, cut, cutCount, true));
                used += cutCount;
            }
            if (used >= budget) {
                break;
            }
        }
        return new PackedContext(List.copyOf(passages), used, budget);
    }
}
