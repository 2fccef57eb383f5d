package mr.bacmr.ingestion.extraction;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Test helper: the contextual presentation forms (U+FE70–U+FEFF) of an Arabic string, as a
 * renderer that writes shaped glyphs into the text layer would emit them. Lam-alef ligatures are
 * not formed; enough to fabricate realistic visual-order lines.
 */
final class ArabicShaper {

    private static final int ISOLATED = 0;
    private static final int FINAL = 1;
    private static final int INITIAL = 2;
    private static final int MEDIAL = 3;
    private static final Map<Character, char[]> FORMS = buildForms();

    private ArabicShaper() {
    }

    static String shape(String logical) {
        StringBuilder out = new StringBuilder(logical.length());
        for (int i = 0; i < logical.length(); i++) {
            char c = logical.charAt(i);
            char[] forms = FORMS.get(c);
            if (forms == null) {
                out.append(c);
                continue;
            }
            char previous = neighbour(logical, i, -1);
            char next = neighbour(logical, i, +1);
            boolean joinsPrevious = FORMS.containsKey(previous) && isDualJoining(previous);
            boolean joinsNext = isDualJoining(c) && FORMS.containsKey(next);
            int form = joinsPrevious ? (joinsNext ? MEDIAL : FINAL) : (joinsNext ? INITIAL : ISOLATED);
            char shaped = forms[form];
            out.append(shaped != 0 ? shaped : forms[ISOLATED]);
        }
        return out.toString();
    }

    /** Nearest letter in the given direction, skipping marks. */
    private static char neighbour(String s, int i, int step) {
        for (int j = i + step; j >= 0 && j < s.length(); j += step) {
            char c = s.charAt(j);
            if (!VisualOrderDetector.isArabicMark(c)) {
                return c;
            }
        }
        return 0;
    }

    private static boolean isDualJoining(char c) {
        char[] forms = FORMS.get(c);
        return forms != null && forms[INITIAL] != 0;
    }

    private static Map<Character, char[]> buildForms() {
        Map<Character, char[]> forms = new HashMap<>();
        for (int cp = 0xFE80; cp <= 0xFEF4; cp++) {
            String name = Character.getName(cp);
            if (name == null || !name.startsWith("ARABIC LETTER")) {
                continue;
            }
            String base = Normalizer.normalize(String.valueOf((char) cp), Normalizer.Form.NFKC);
            if (base.length() != 1) {
                continue;
            }
            char[] f = forms.computeIfAbsent(base.charAt(0), k -> new char[4]);
            if (name.endsWith("ISOLATED FORM")) {
                f[ISOLATED] = (char) cp;
            } else if (name.endsWith("FINAL FORM")) {
                f[FINAL] = (char) cp;
            } else if (name.endsWith("INITIAL FORM")) {
                f[INITIAL] = (char) cp;
            } else if (name.endsWith("MEDIAL FORM")) {
                f[MEDIAL] = (char) cp;
            }
        }
        return forms;
    }
}
