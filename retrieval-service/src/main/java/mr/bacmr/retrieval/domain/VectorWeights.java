package mr.bacmr.retrieval.domain;

/**
 * How much the vector list counts in the fusion of a query, by the query's script. Measured on XQuAD Arabic with the
 * bundled all-MiniLM-L6-v2 model (docs/benchmarks.md): vectors alone find the gold passage in the top 5 for 14% of
 * the questions, and plain RRF drags BM25's 97% down to 53%, so Arabic-script queries default to weight 0 (BM25
 * only, the query is not even embedded). With a multilingual model, set the Arabic weight to 1.
 */
public record VectorWeights(double latin, double arabic) {

    public double forQuery(String query) {
        return isMostlyArabic(query) ? arabic : latin;
    }

    static boolean isMostlyArabic(String text) {
        int arabicLetters = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC) {
                    arabicLetters++;
                }
            }
        }
        return letters > 0 && arabicLetters * 2 > letters;
    }
}
