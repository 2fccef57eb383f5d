package mr.bacmr.retrieval.ask;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Content words of a French, English or Arabic text, folded so that surface variants meet: case, Latin accents,
 * Arabic diacritics and tatweel, alef/yeh/teh-marbuta variants, and a crude prefix stem (plurals, conjugations).
 * Good enough to score sentence overlap for extractive answers and groundedness; not a linguistic analyser.
 */
public final class Terms {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final int STEM_LENGTH = 6;

    // The commonest function words; they carry no meaning to match on. (French and English share some.)
    private static final Set<String> STOP_WORDS = Set.copyOf(java.util.Arrays.asList(
            // French
            "alors", "au", "aux", "avec", "ce", "ces", "cet", "cette", "comme", "comment", "dans", "de", "des", "donc",
            "du", "elle", "elles", "en", "est", "et", "etre", "il", "ils", "je", "la", "le", "les", "leur", "leurs",
            "lui", "mais", "me", "meme", "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas",
            "pour", "quand", "que", "quel", "quelle", "quels", "quelles", "qui", "quoi", "sa", "sans", "se", "ses",
            "son", "sont", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "ya",
            "ont", "fait", "faire", "peut", "plus", "tres", "aussi",
            // English
            "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "in", "is",
            "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "what", "when", "where", "which",
            "who", "why", "with", "explain", "describe",
            // Arabic (after folding)
            "في", "من", "علي", "الي", "عن", "ان", "او", "ما", "ماذا", "هل", "هو", "هي", "هذا", "هذه", "ذلك", "تلك",
            "التي", "الذي", "الذين", "كان", "كانت", "مع", "كيف", "لماذا", "متي", "اين", "لا", "لم", "لن", "قد", "ثم",
            "كل", "بين", "عند", "اذا", "وهو", "وهي", "ذالك", "شنهو", "اشنهو", "اشنو", "امنين", "كيفاش"));

    /** The distinct stems of {@code text}'s content words, in order of first occurrence. */
    public static Set<String> of(String text) {
        Set<String> stems = new LinkedHashSet<>();
        if (text == null) {
            return stems;
        }
        for (String word : NON_WORD.split(fold(text))) {
            if (isContent(word)) {
                stems.add(stem(word));
            }
        }
        return stems;
    }

    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String unmarked = COMBINING_MARKS.matcher(decomposed).replaceAll(""); // Latin accents, Arabic harakat
        StringBuilder folded = new StringBuilder(unmarked.length());
        for (int i = 0; i < unmarked.length(); i++) {
            char c = unmarked.charAt(i);
            switch (c) {
                case '\u0640' -> { } // tatweel
                case '\u0623', '\u0625', '\u0622', '\u0671' -> folded.append('\u0627'); // alef variants
                case '\u0649' -> folded.append('\u064A'); // alef maqsura → yeh
                case '\u0629' -> folded.append('\u0647'); // teh marbuta → heh
                default -> folded.append(Character.toLowerCase(c));
            }
        }
        return folded.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isContent(String word) {
        if (word.isEmpty() || STOP_WORDS.contains(word)) {
            return false;
        }
        boolean arabic = Character.UnicodeScript.of(word.codePointAt(0)) == Character.UnicodeScript.ARABIC;
        return arabic ? word.length() >= 2 : word.length() >= 3 || Character.isDigit(word.charAt(0));
    }

    private static String stem(String word) {
        String bare = word;
        if (Character.UnicodeScript.of(word.codePointAt(0)) == Character.UnicodeScript.ARABIC
                && word.startsWith("ال") && word.length() > 4) {
            bare = word.substring(2); // the definite article
        }
        return bare.length() > STEM_LENGTH ? bare.substring(0, STEM_LENGTH) : bare;
    }

    private Terms() {
    }
}
