package mr.bacmr.ingestion.extraction;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;

/**
 * PDFBox text stripper that sorts by position, drops diagonal text and lays out pages holding
 * right-to-left script line by line from glyph positions.
 *
 * <p>Diagonal text is dropped because on the documents we ingest it is a watermark (every page of
 * the IPN textbooks carries "المعهد التربوي الوطني" across it), which would otherwise be spliced
 * into the middle of words once glyphs are sorted by position. Pages without right-to-left glyphs
 * keep PDFBox's own writer, whose spacing and paragraph heuristics are well tried on Latin text.
 */
final class PageTextStripper extends PDFTextStripper {

    private static final double MIN_DIAGONAL_DEGREES = 10;

    /** Each glyph's own mapping, kept where an /ActualText span replaced it. */
    private final Map<TextPosition, String> ownUnicode = new IdentityHashMap<>();

    PageTextStripper() {
        setSortByPosition(true);
        setLineSeparator("\n");
    }

    @Override
    protected void processTextPosition(TextPosition text) {
        if (isDiagonal(text.getTextMatrix())) {
            return;
        }
        String own = text.getUnicode();
        super.processTextPosition(text);
        if (!Objects.equals(own, text.getUnicode())) {
            ownUnicode.put(text, own);
        }
    }

    @Override
    protected void writePage() throws IOException {
        List<TextPosition> glyphs = new ArrayList<>();
        boolean hasRtl = false;
        for (List<TextPosition> article : getCharactersByArticle()) {
            for (TextPosition glyph : article) {
                glyphs.add(glyph);
                hasRtl = hasRtl || (glyph.getUnicode() != null && VisualOrder.containsRtl(glyph.getUnicode()));
            }
        }
        if (!hasRtl) {
            ownUnicode.clear();
            super.writePage();
            return;
        }
        for (String line : GlyphLineAssembler.assemble(glyphs, this::glyphText)) {
            output.write(line);
            output.write(getLineSeparator());
        }
        ownUnicode.clear();
    }

    /**
     * The glyph's text: its /ActualText, unless that only drops letters of the glyph's own mapping.
     * InDesign writes ActualText "ا" over lam-alef ligature glyphs mapped to "لا" (41 times in the
     * IPN civics book), which would turn "وإخلاص" into "وإخاص".
     */
    private String glyphText(TextPosition glyph) {
        String current = glyph.getUnicode();
        String own = ownUnicode.get(glyph);
        if (own != null && current != null && !current.isEmpty()
                && own.length() > current.length() && own.contains(current)) {
            return own;
        }
        return current;
    }

    /** True for text drawn at an angle that is not a multiple of 90 degrees. */
    static boolean isDiagonal(Matrix textMatrix) {
        double degrees = Math.toDegrees(Math.atan2(textMatrix.getShearY(), textMatrix.getScaleX()));
        double offRightAngle = Math.abs(degrees) % 90;
        return offRightAngle >= MIN_DIAGONAL_DEGREES && offRightAngle <= 90 - MIN_DIAGONAL_DEGREES;
    }
}
