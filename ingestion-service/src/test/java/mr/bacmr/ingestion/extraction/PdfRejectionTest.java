package mr.bacmr.ingestion.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import mr.bacmr.ingestion.extraction.PdfRejectedException.Reason;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file of pdf-bad, and made-up damage, gives its own outcome. */
class PdfRejectionTest {

    private static final String SENTENCE = "Le baccalaureat mauritanien commence en juin pour tous les candidats.";

    private final PdfTextExtractor extractor = new PdfTextExtractor();

    @Test
    void scannedPagesWithoutTextLayerAreKeptAndFlagged() throws Exception {
        for (String scan : new String[] {"pdf-bad/francais.pdf", "pdf-bad/c02-22.pdf"}) {
            ExtractedDocument document = extractor.extract(Corpus.file(scan), PageListener.NONE);
            assertEquals(1, document.pageCount(), scan);
            assertTrue(document.allPagesNeedOcr(), scan);
            assertEquals("", document.pages().get(0).text(), scan);
        }
    }

    @Test
    void scanWithAnOcrLayerHasText() throws Exception {
        ExtractedDocument document = extractor.extract(Corpus.file("pdf-bad/Seige_of_Vicksburg_Sample_OCR.pdf"), PageListener.NONE);
        assertEquals(6, document.pageCount());
        for (ExtractedPage page : document.pages()) {
            assertFalse(page.needsOcr(), "page " + page.number());
            assertEquals("en", page.language(), "page " + page.number());
        }
        assertTrue(document.pages().get(0).text().contains("THE SIEGE OF VICKSBURG"));
    }

    @Test
    void headerWithoutBodyIsCorrupt() throws Exception {
        // 44 bytes: "%PDF-" then EOF. It claims to be a PDF (so not NOT_PDF) but has no structure to
        // count pages in (so not EMPTY, which is a readable PDF with zero pages).
        assertRejected(Reason.CORRUPT, Corpus.file("pdf-bad/invalid.pdf"));
    }

    @Test
    void userPasswordIsEncrypted() throws Exception {
        assertRejected(Reason.ENCRYPTED, Corpus.file("pdf-bad/encrypted-file.pdf"));
        assertRejected(Reason.ENCRYPTED, Corpus.file("pdf-bad/libreoffice-writer-password.pdf"));
    }

    @Test
    void brokenXrefIsRepairedByPdfBoxAndItsUnreadablePageGoesToOcr() throws Exception {
        // PDFBox rebuilds the cross-reference table and finds the single page; its streams fail
        // their zlib check (poppler says "Bad FCHECK in flate stream") so no text comes out.
        ExtractedDocument document = extractor.extract(Corpus.file("pdf-bad/2788_example_malformed.pdf"), PageListener.NONE);
        assertEquals(1, document.pageCount());
        assertTrue(document.allPagesNeedOcr());
    }

    @Test
    void zeroBytesIsEmpty(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pdf"));
        assertRejected(Reason.EMPTY, empty);
        assertEquals(Reason.EMPTY, assertThrows(PdfRejectedException.class,
                () -> extractor.extract(new byte[0], PageListener.NONE)).reason());
    }

    @Test
    void randomBytesAreNotPdf() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = 'x'; // make sure the noise does not start like a PDF by chance
        PdfRejectedException e = assertThrows(PdfRejectedException.class, () -> extractor.extract(noise, PageListener.NONE));
        assertEquals(Reason.NOT_PDF, e.reason());
    }

    @Test
    void randomBytesAfterAPdfHeaderAreCorrupt() {
        byte[] noise = new byte[4096];
        new Random(11).nextBytes(noise);
        System.arraycopy("%PDF-1.7\n".getBytes(), 0, noise, 0, 9);
        assertEquals(Reason.CORRUPT, assertThrows(PdfRejectedException.class,
                () -> extractor.extract(noise, PageListener.NONE)).reason());
    }

    @Test
    void truncatedCopyOfAGoodPdfIsCorrupt() throws Exception {
        byte[] whole = Files.readAllBytes(Corpus.file("pdf-fr/ipn-2as-francais.pdf"));
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        assertEquals(Reason.CORRUPT, assertThrows(PdfRejectedException.class,
                () -> extractor.extract(half, PageListener.NONE)).reason());
    }

    @Test
    void documentWithoutPagesIsEmpty() throws Exception {
        byte[] pdf;
        try (PDDocument document = new PDDocument()) {
            pdf = save(document);
        }
        assertEquals(Reason.EMPTY, assertThrows(PdfRejectedException.class,
                () -> extractor.extract(pdf, PageListener.NONE)).reason());
    }

    @Test
    void moreThanTheLimitOfPagesIsRefused() throws Exception {
        Path sixPages = Corpus.file("pdf-bad/Seige_of_Vicksburg_Sample_OCR.pdf");
        PdfTextExtractor limited = new PdfTextExtractor(new ArabicTextRepair(), new LanguageDetector(), 5,
                PdfTextExtractor.DEFAULT_MIN_TEXT_CHARS);
        PdfRejectedException e = assertThrows(PdfRejectedException.class, () -> limited.extract(sixPages, PageListener.NONE));
        assertEquals(Reason.TOO_MANY_PAGES, e.reason());
        assertTrue(e.getMessage().contains("6 pages"), e.getMessage());
    }

    @Test
    void ownerPasswordOnlyFileThatAllowsCopyingIsExtracted() throws Exception {
        AccessPermission permissions = new AccessPermission();
        permissions.setCanExtractContent(true);
        ExtractedDocument document = extractor.extract(encryptedWithOwnerPasswordOnly(permissions), PageListener.NONE);
        assertEquals(1, document.pageCount());
        assertEquals(SENTENCE, document.pages().get(0).text());
        assertEquals("fr", document.pages().get(0).language());
    }

    @Test
    void ownerPasswordOnlyFileThatForbidsCopyingIsEncrypted() throws Exception {
        AccessPermission permissions = new AccessPermission();
        permissions.setCanExtractContent(false);
        byte[] pdf = encryptedWithOwnerPasswordOnly(permissions);
        PdfRejectedException e = assertThrows(PdfRejectedException.class, () -> extractor.extract(pdf, PageListener.NONE));
        assertEquals(Reason.ENCRYPTED, e.reason());
        assertTrue(e.getMessage().contains("forbids"), e.getMessage());
    }

    @Test
    void pathAndBytesGiveTheSameResult(@TempDir Path dir) throws Exception {
        byte[] pdf = encryptedWithOwnerPasswordOnly(new AccessPermission());
        Path file = Files.write(dir.resolve("owner-only.pdf"), pdf);
        assertEquals(extractor.extract(pdf, PageListener.NONE), extractor.extract(file, PageListener.NONE));
    }

    private void assertRejected(Reason expected, Path pdf) {
        PdfRejectedException e = assertThrows(PdfRejectedException.class, () -> extractor.extract(pdf, PageListener.NONE));
        assertEquals(expected, e.reason(), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    /** A one-page PDF encrypted with an owner password and an empty user password, as many publishers ship. */
    private static byte[] encryptedWithOwnerPasswordOnly(AccessPermission permissions) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(SENTENCE);
                content.endText();
            }
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "", permissions);
            policy.setEncryptionKeyLength(256);
            document.protect(policy);
            return save(document);
        }
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
