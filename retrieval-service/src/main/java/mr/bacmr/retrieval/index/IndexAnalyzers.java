package mr.bacmr.retrieval.index;

import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * One BM25 text field per language, each with its analyser: a chunk's text goes to the field of its language, a
 * query is analysed into every field it may match.
 */
public final class IndexAnalyzers {

    public static final String TEXT_AR = "text_ar";
    public static final String TEXT_FR = "text_fr";
    public static final String TEXT_STD = "text_std";
    /** Every language's text field. */
    public static final List<String> TEXT_FIELDS = List.of(TEXT_AR, TEXT_FR, TEXT_STD);

    private IndexAnalyzers() {
    }

    /** The text field of a chunk language ({@code ar}, {@code fr}, anything else). */
    public static String textField(String language) {
        if ("ar".equals(language)) {
            return TEXT_AR;
        }
        return "fr".equals(language) ? TEXT_FR : TEXT_STD;
    }

    public static Analyzer perField() {
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(CharArraySet.EMPTY_SET),
                Map.of(TEXT_AR, new ArabicAnalyzer(), TEXT_FR, new FoldingFrenchAnalyzer(), TEXT_STD, folding()));
    }

    /** Other languages: standard tokens, lower-cased and folded to ASCII, no stop words. */
    private static Analyzer folding() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
            }
        };
    }

    /**
     * FrenchAnalyzer's chain (elision, lower case, stop words, light stemming) with ASCII folding last: the light
     * stemmer keeps some accents and drops others, so "élève" and "eleve" would otherwise not meet.
     */
    static final class FoldingFrenchAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
            stream = new LowerCaseFilter(stream);
            stream = new StopFilter(stream, FrenchAnalyzer.getDefaultStopSet());
            stream = new FrenchLightStemFilter(stream);
            return new TokenStreamComponents(source, new ASCIIFoldingFilter(stream));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(new ElisionFilter(in, FrenchAnalyzer.DEFAULT_ARTICLES)));
        }
    }
}
