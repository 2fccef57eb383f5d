package mr.bacmr.ingestion.extraction;

import java.util.List;

/** All pages of a document, in order; {@code pages.size() == pageCount}. */
public record ExtractedDocument(int pageCount, List<ExtractedPage> pages) {

    public ExtractedDocument {
        pages = List.copyOf(pages);
    }

    /** True when no page has a text layer: the whole document is a scan. */
    public boolean allPagesNeedOcr() {
        return pages.stream().allMatch(ExtractedPage::needsOcr);
    }
}
