package mr.bacmr.retrieval.domain;

import java.util.List;

/** The two ranked lists hybrid retrieval fuses, best first; each chunk appears at most once per list. */
public record IndexCandidates(List<IndexMatch> lexical, List<IndexMatch> vector) {
}
