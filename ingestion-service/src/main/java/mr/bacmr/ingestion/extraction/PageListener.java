package mr.bacmr.ingestion.extraction;

/** Told after each page so the ingestion job can publish progress (pages done out of total). */
@FunctionalInterface
public interface PageListener {

    PageListener NONE = (pagesDone, totalPages) -> { };

    void pageDone(int pagesDone, int totalPages);
}
