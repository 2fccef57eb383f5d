package mr.bacmr.retrieval.ask;

import io.smallrye.mutiny.Uni;

import java.util.Set;
import java.util.regex.Pattern;

import mr.bacmr.retrieval.config.AskConfig;

/**
 * The local validator. Grounded: the share of the answer's content words (folded and stemmed, citations removed)
 * that occur in the context reaches the configured threshold — an answer made up from memory brings its own
 * vocabulary. Language: the detector's verdict on the answer matches the asked language; an answer too short to
 * tell is given the benefit of the doubt. Produced by {@code AskJudgeComponents}, and the LLM validator's fallback.
 */
public class LexicalAnswerValidator implements AnswerValidator {

    private static final Pattern CITATION = Pattern.compile("\\[\\d+(?:\\s*,\\s*\\d+)*]");

    private final LanguageDetector languages;
    private final double threshold;

    public LexicalAnswerValidator(LanguageDetector languages, AskConfig config) {
        this(languages, config.groundedThreshold());
    }

    LexicalAnswerValidator(LanguageDetector languages, double threshold) {
        this.languages = languages;
        this.threshold = threshold;
    }

    @Override
    public Uni<Validation> validate(String answer, String language, PackedContext context) {
        String prose = CITATION.matcher(answer == null ? "" : answer).replaceAll(" ");
        Set<String> said = Terms.of(prose);
        double score;
        if (said.isEmpty()) {
            score = 0;
        } else {
            Set<String> known = Terms.of(context.text());
            score = (double) said.stream().filter(known::contains).count() / said.size();
        }
        boolean grounded = score >= threshold;
        double rounded = Math.round(score * 1000) / 1000.0;
        // resolved at once with the local detector; an LLM detector's call is the only wait
        return languages.detect(prose).map(detected -> new Validation(grounded,
                detected.map(language::equals).orElse(true), rounded, Validation.LEXICAL));
    }
}
