package mr.bacmr.ingestion.extraction;

import java.nio.file.Path;

/** The shared test corpus, for this package's tests: see {@link mr.bacmr.ingestion.testing.Corpus}. */
final class Corpus {

    private Corpus() {
    }

    static Path file(String relative) {
        return mr.bacmr.ingestion.testing.Corpus.file(relative);
    }
}
