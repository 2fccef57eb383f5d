package mr.bacmr.ingestion.extraction;

import java.nio.charset.StandardCharsets;

/** The "%PDF-" signature, which readers accept anywhere in the first kilobyte. */
final class PdfHeader {

    static final int SEARCH_WINDOW = 1024;
    private static final byte[] SIGNATURE = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private PdfHeader() {
    }

    static boolean hasPdfHeader(byte[] bytes) {
        int limit = Math.min(bytes.length, SEARCH_WINDOW) - SIGNATURE.length;
        for (int start = 0; start <= limit; start++) {
            int i = 0;
            while (i < SIGNATURE.length && bytes[start + i] == SIGNATURE[i]) {
                i++;
            }
            if (i == SIGNATURE.length) {
                return true;
            }
        }
        return false;
    }
}
