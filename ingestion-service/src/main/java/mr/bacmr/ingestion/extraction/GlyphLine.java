package mr.bacmr.ingestion.extraction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.pdfbox.text.TextPosition;

/**
 * One line of glyphs on a shared baseline, turned into logical-order text: glyphs are laid out left
 * to right, spaces come from the gaps between them, dots drawn as separate zero-width glyphs are
 * placed with the letter body they sit on, and the line is reordered in one piece.
 */
final class GlyphLine {

    private record Placed(TextPosition glyph, boolean mark, float anchor, float x) {
    }

    /** Glyphs belong to a line when their baseline is within this part of the font size. */
    private static final float LINE_TOLERANCE_EM = 0.4f;

    private final List<TextPosition> glyphs = new ArrayList<>();
    private final float baseline;
    private final float em;
    private float minX = Float.MAX_VALUE;
    private float maxX = -Float.MAX_VALUE;

    GlyphLine(TextPosition first) {
        baseline = first.getYDirAdj();
        em = GlyphLineAssembler.em(first);
        add(first);
    }

    float baseline() {
        return baseline;
    }

    float em() {
        return em;
    }

    float minX() {
        return minX;
    }

    float maxX() {
        return maxX;
    }

    boolean acceptsBody(TextPosition glyph) {
        float tolerance = LINE_TOLERANCE_EM * Math.min(em, GlyphLineAssembler.em(glyph));
        return Math.abs(glyph.getYDirAdj() - baseline) <= tolerance;
    }

    void add(TextPosition glyph) {
        glyphs.add(glyph);
        minX = Math.min(minX, glyph.getXDirAdj());
        maxX = Math.max(maxX, glyph.getXDirAdj() + glyph.getWidthDirAdj());
    }

    String toLogicalText(Function<TextPosition, String> glyphText) {
        List<String> units = new ArrayList<>(glyphs.size() + 16);
        StringBuilder all = new StringBuilder();
        float lastEnd = Float.NaN;
        for (Placed placed : placeMarks(glyphText)) {
            TextPosition glyph = placed.glyph;
            if (placed.mark) {
                addUnit(units, all, glyphText.apply(glyph));
                continue;
            }
            if (GlyphLineAssembler.isSpace(glyph)) {
                continue; // spaces are decided from the gaps, which real space glyphs leave anyway
            }
            float x = glyph.getXDirAdj();
            if (!Float.isNaN(lastEnd) && x - lastEnd > GlyphLineAssembler.spaceGap(glyph) && !units.isEmpty()) {
                units.add(" ");
            }
            addUnit(units, all, glyphText.apply(glyph));
            float end = x + glyph.getWidthDirAdj();
            lastEnd = Float.isNaN(lastEnd) ? end : Math.max(lastEnd, end);
        }
        List<String> logical = VisualOrder.toLogical(units, VisualOrder.isRtlDominant(all));
        return String.join("", logical).strip();
    }

    /**
     * Glyphs left to right, each mark right after the glyph body it is drawn on. A mark whose
     * letter the body's own text already has is a duplicate (fonts that draw the dots of a
     * ligature apart map both to the letter) and is dropped.
     */
    private List<Placed> placeMarks(Function<TextPosition, String> glyphText) {
        List<TextPosition> bodies = new ArrayList<>();
        List<TextPosition> marks = new ArrayList<>();
        for (TextPosition glyph : glyphs) {
            (GlyphLineAssembler.isMark(glyph) ? marks : bodies).add(glyph);
        }
        bodies.sort(Comparator.comparingDouble(TextPosition::getXDirAdj));
        List<Placed> placed = new ArrayList<>(glyphs.size());
        for (int i = 0; i < bodies.size(); i++) {
            placed.add(new Placed(bodies.get(i), false, i, Float.NEGATIVE_INFINITY));
        }
        for (TextPosition mark : marks) {
            List<Integer> under = bodiesUnder(mark, bodies);
            if (under.stream().anyMatch(i -> isDuplicateOf(glyphText.apply(mark), glyphText.apply(bodies.get(i))))) {
                continue;
            }
            float anchor = under.isEmpty() ? insertionIndex(mark, bodies) - 0.5f : nearestCentre(mark, bodies, under);
            placed.add(new Placed(mark, true, anchor, mark.getXDirAdj()));
        }
        placed.sort(Comparator.comparingDouble((Placed p) -> p.anchor).thenComparingDouble(p -> p.x));
        return placed;
    }

    /** Indexes of the bodies whose box holds the mark's x (boxes of neighbouring glyphs can overlap). */
    private static List<Integer> bodiesUnder(TextPosition mark, List<TextPosition> bodies) {
        float x = mark.getXDirAdj();
        List<Integer> under = new ArrayList<>(2);
        for (int i = 0; i < bodies.size(); i++) {
            TextPosition body = bodies.get(i);
            if (x >= body.getXDirAdj() && x < body.getXDirAdj() + body.getWidthDirAdj()) {
                under.add(i);
            }
        }
        return under;
    }

    private static int nearestCentre(TextPosition mark, List<TextPosition> bodies, List<Integer> candidates) {
        int best = candidates.get(0);
        float bestDistance = Float.MAX_VALUE;
        for (int i : candidates) {
            TextPosition body = bodies.get(i);
            float distance = Math.abs(body.getXDirAdj() + body.getWidthDirAdj() / 2 - mark.getXDirAdj());
            if (distance < bestDistance) {
                best = i;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int insertionIndex(TextPosition mark, List<TextPosition> bodies) {
        int i = 0;
        while (i < bodies.size() && bodies.get(i).getXDirAdj() <= mark.getXDirAdj()) {
            i++;
        }
        return i;
    }

    private static boolean isDuplicateOf(String markText, String bodyText) {
        String letters = markText == null ? "" : markText.replace("\uFFFD", "").strip();
        return !letters.isEmpty() && bodyText != null && bodyText.contains(letters);
    }

    private static void addUnit(List<String> units, StringBuilder all, String unicode) {
        if (unicode != null && !unicode.isEmpty()) {
            units.add(unicode);
            all.append(unicode);
        }
    }
}
