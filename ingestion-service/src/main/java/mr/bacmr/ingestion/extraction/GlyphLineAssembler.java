package mr.bacmr.ingestion.extraction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.pdfbox.text.TextPosition;

/**
 * Builds reading-order lines from the positioned glyphs of one page.
 *
 * <p>Used for pages with right-to-left text, where PDFBox's own writer reorders each gap-separated
 * word on its own and so leaves justified Arabic lines with their words in visual order. Here a
 * whole line is first laid out left to right from glyph positions, spaces come from the gaps between
 * glyphs, and the line is then converted to logical order in one piece ({@link VisualOrder}).
 * Zero-width glyphs (dots and marks some Arabic fonts draw apart from the letter body) are attached
 * to the nearest line instead of starting one of their own.
 */
final class GlyphLineAssembler {

    private static final float MARK_TOLERANCE_EM = 0.8f;
    private static final float MARK_WIDTH_EM = 0.02f;
    private static final float SPACE_GAP_OF_SPACE_WIDTH = 0.5f;
    private static final float FALLBACK_SPACE_EM = 0.25f;

    private GlyphLineAssembler() {
    }

    /** Lines of the page, top to bottom, each in logical order. */
    static List<String> assemble(List<TextPosition> glyphs, Function<TextPosition, String> glyphText) {
        Map<Float, List<TextPosition>> byDirection = new TreeMap<>();
        for (TextPosition glyph : glyphs) {
            byDirection.computeIfAbsent(glyph.getDir(), d -> new ArrayList<>()).add(glyph);
        }
        List<String> lines = new ArrayList<>();
        for (List<TextPosition> sameDirection : byDirection.values()) {
            for (GlyphLine line : groupIntoLines(sameDirection)) {
                String text = line.toLogicalText(glyphText);
                if (!text.isBlank()) {
                    lines.add(text);
                }
            }
        }
        return lines;
    }

    private static List<GlyphLine> groupIntoLines(List<TextPosition> glyphs) {
        List<TextPosition> bodies = new ArrayList<>();
        List<TextPosition> marks = new ArrayList<>();
        for (TextPosition glyph : glyphs) {
            (isMark(glyph) ? marks : bodies).add(glyph);
        }
        bodies.sort(Comparator.comparingDouble(TextPosition::getYDirAdj).thenComparingDouble(TextPosition::getXDirAdj));
        List<GlyphLine> lines = new ArrayList<>();
        GlyphLine current = null;
        for (TextPosition glyph : bodies) {
            if (current == null || !current.acceptsBody(glyph)) {
                current = new GlyphLine(glyph);
                lines.add(current);
            } else {
                current.add(glyph);
            }
        }
        for (TextPosition mark : marks) {
            GlyphLine nearest = nearestLineFor(mark, lines);
            if (nearest == null) {
                nearest = new GlyphLine(mark);
                lines.add(nearest);
            } else {
                nearest.add(mark);
            }
        }
        lines.sort(Comparator.comparingDouble(GlyphLine::baseline));
        return lines;
    }

    private static GlyphLine nearestLineFor(TextPosition mark, List<GlyphLine> lines) {
        GlyphLine best = null;
        float bestDistance = Float.MAX_VALUE;
        for (GlyphLine line : lines) {
            float distance = Math.abs(mark.getYDirAdj() - line.baseline());
            boolean horizontallyInside = mark.getXDirAdj() >= line.minX() - line.em()
                    && mark.getXDirAdj() <= line.maxX() + line.em();
            if (horizontallyInside && distance <= MARK_TOLERANCE_EM * line.em() && distance < bestDistance) {
                best = line;
                bestDistance = distance;
            }
        }
        return best;
    }

    static float em(TextPosition glyph) {
        float size = glyph.getFontSizeInPt();
        if (size > 0 && Float.isFinite(size)) {
            return size;
        }
        return Math.max(1f, glyph.getHeightDir() * 1.5f);
    }

    static boolean isMark(TextPosition glyph) {
        return glyph.getWidthDirAdj() <= MARK_WIDTH_EM * em(glyph);
    }

    static boolean isSpace(TextPosition glyph) {
        String unicode = glyph.getUnicode();
        return unicode != null && !unicode.isEmpty() && unicode.isBlank();
    }

    /** Gap from which two glyphs are taken to be separate words. */
    static float spaceGap(TextPosition glyph) {
        float spaceWidth = glyph.getWidthOfSpace();
        if (spaceWidth > 0 && Float.isFinite(spaceWidth)) {
            return Math.min(spaceWidth * SPACE_GAP_OF_SPACE_WIDTH, FALLBACK_SPACE_EM * em(glyph));
        }
        return FALLBACK_SPACE_EM * em(glyph) * SPACE_GAP_OF_SPACE_WIDTH;
    }
}
