package mr.bacmr.ingestion.extraction;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shared test corpus (real documents, some without a licence to copy): read in place from
 * {@code shared/corpus}, found through -Dbacmr.corpus, BACMR_CORPUS, or the folders above the
 * working directory. Tests that need it are skipped, with the reason, when it is absent.
 */
final class Corpus {

    private Corpus() {
    }

    static Path file(String relative) {
        Path root = root();
        assumeTrue(root != null, "shared/corpus not found (set -Dbacmr.corpus=DIR or BACMR_CORPUS): skipping corpus test");
        Path file = root.resolve(relative);
        assumeTrue(Files.isRegularFile(file), "corpus file missing: " + file + ": skipping");
        return file;
    }

    private static Path root() {
        String configured = System.getProperty("bacmr.corpus", System.getenv("BACMR_CORPUS"));
        if (configured != null && !configured.isBlank()) {
            return Files.isDirectory(Path.of(configured)) ? Path.of(configured) : null;
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            for (Path candidate : List.of(dir.resolve("shared/corpus"), dir.resolve("../shared/corpus"))) {
                if (Files.isDirectory(candidate)) {
                    return candidate.normalize();
                }
            }
            dir = dir.getParent();
        }
        return null;
    }
}
