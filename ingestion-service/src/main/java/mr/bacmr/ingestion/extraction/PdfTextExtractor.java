package mr.bacmr.ingestion.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import mr.bacmr.ingestion.extraction.PdfRejectedException.Reason;

/**
 * Extracts the text of a PDF page by page with PDFBox: repaired Arabic, a language per page, and
 * pages without a text layer flagged for OCR rather than dropped. Thread-safe: a stripper is made
 * per call.
 */
public final class PdfTextExtractor {

    /** Letters or digits a page needs to count as having a text layer; fewer is a scan or junk. */
    public static final int DEFAULT_MIN_TEXT_CHARS = 16;
    public static final int DEFAULT_MAX_PAGES = 2_000;

    private final ArabicTextRepair repair;
    private final LanguageDetector languageDetector;
    private final int maxPages;
    private final int minTextChars;

    public PdfTextExtractor(ArabicTextRepair repair, LanguageDetector languageDetector, int maxPages, int minTextChars) {
        this.repair = Objects.requireNonNull(repair);
        this.languageDetector = Objects.requireNonNull(languageDetector);
        if (maxPages < 1 || minTextChars < 1) {
            throw new IllegalArgumentException("maxPages and minTextChars must be positive");
        }
        this.maxPages = maxPages;
        this.minTextChars = minTextChars;
    }

    public PdfTextExtractor() {
        this(new ArabicTextRepair(), new LanguageDetector(), DEFAULT_MAX_PAGES, DEFAULT_MIN_TEXT_CHARS);
    }

    public ExtractedDocument extract(Path pdf, PageListener listener) throws PdfRejectedException, IOException {
        long size = Files.size(pdf); // an unreadable path is an IOException of ours, not the file's fault
        if (size == 0) {
            throw new PdfRejectedException(Reason.EMPTY, "The file is empty (0 bytes).");
        }
        try (InputStream in = Files.newInputStream(pdf)) {
            checkHeader(in.readNBytes(PdfHeader.SEARCH_WINDOW));
        }
        return extract(new RandomAccessReadBufferedFile(pdf.toFile()), listener);
    }

    public ExtractedDocument extract(byte[] pdf, PageListener listener) throws PdfRejectedException {
        if (pdf.length == 0) {
            throw new PdfRejectedException(Reason.EMPTY, "The file is empty (0 bytes).");
        }
        checkHeader(pdf);
        try {
            return extract(new RandomAccessReadBuffer(pdf), listener);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory read failed", e); // cannot happen: every load error is mapped
        }
    }

    private static void checkHeader(byte[] start) throws PdfRejectedException {
        if (!PdfHeader.hasPdfHeader(start)) {
            throw new PdfRejectedException(Reason.NOT_PDF, "This is not a PDF file (no %PDF- header).");
        }
    }

    private ExtractedDocument extract(RandomAccessRead source, PageListener listener) throws PdfRejectedException, IOException {
        try (PDDocument document = load(source)) {
            int pageCount = document.getNumberOfPages();
            if (pageCount == 0) {
                throw new PdfRejectedException(Reason.EMPTY, "The PDF has no pages.");
            }
            if (pageCount > maxPages) {
                throw new PdfRejectedException(Reason.TOO_MANY_PAGES,
                        "The PDF has " + pageCount + " pages; at most " + maxPages + " are accepted.");
            }
            if (!document.getCurrentAccessPermission().canExtractContent()) {
                throw new PdfRejectedException(Reason.ENCRYPTED,
                        "The PDF's owner forbids copying its text; ask for an unrestricted copy.");
            }
            PageTextStripper stripper = new PageTextStripper();
            List<ExtractedPage> pages = new ArrayList<>(pageCount);
            for (int number = 1; number <= pageCount; number++) {
                pages.add(extractPage(document, stripper, number));
                listener.pageDone(number, pageCount);
            }
            return new ExtractedDocument(pageCount, pages);
        }
    }

    /** Loads with the empty user password: owner-password-only files open, user-password ones do not. */
    private static PDDocument load(RandomAccessRead source) throws PdfRejectedException {
        try {
            return Loader.loadPDF(source);
        } catch (InvalidPasswordException e) {
            closeQuietly(source);
            throw new PdfRejectedException(Reason.ENCRYPTED, "The PDF is protected by a password; upload an unprotected copy.", e);
        } catch (IOException | RuntimeException e) {
            // PDFBox already repairs what it can (broken xref, bad offsets); what still fails is beyond repair
            closeQuietly(source);
            throw new PdfRejectedException(Reason.CORRUPT, "The PDF is damaged and cannot be read: " + e.getMessage(), e);
        }
    }

    private ExtractedPage extractPage(PDDocument document, PageTextStripper stripper, int number) {
        stripper.setStartPage(number);
        stripper.setEndPage(number);
        String raw;
        try {
            raw = stripper.getText(document);
        } catch (IOException | RuntimeException e) {
            // one unreadable content stream must not lose the other pages: keep the page, for OCR
            return new ExtractedPage(number, "", "other", true);
        }
        String text = GarbledTextFilter.dropGarbledLines(repair.repair(raw)).strip();
        if (GarbledTextFilter.countLettersAndDigits(text) < minTextChars) {
            return new ExtractedPage(number, "", "other", true);
        }
        return new ExtractedPage(number, text, languageDetector.detect(text), false);
    }

    private static void closeQuietly(RandomAccessRead source) {
        try {
            source.close();
        } catch (IOException ignored) {
            // nothing left to release that matters
        }
    }
}
