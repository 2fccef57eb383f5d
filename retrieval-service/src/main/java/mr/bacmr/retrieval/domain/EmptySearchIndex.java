package mr.bacmr.retrieval.domain;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The index before any chunk has been consumed: it knows nothing, and says so. */
@ApplicationScoped
@DefaultBean
public class EmptySearchIndex implements SearchIndex {

    @Override
    public List<SearchHit> search(String query, int topK) {
        return List.of();
    }

    @Override
    public long size() {
        return 0;
    }
}
