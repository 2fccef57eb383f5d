package mr.bacmr.retrieval.ask;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import mr.bacmr.retrieval.config.AskConfig;

/**
 * Answers without a chat model: the sentences of the best passages that share the most content words with the
 * question, quoted in source order with their [n] citation, and reported as highlights of their passage. Used when
 * no model is configured, when its breaker is open, and when a call to it failed.
 */
@ApplicationScoped
public class ExtractiveAnswerer {

    // Ends of sentences: Latin and Arabic full stops, question and exclamation marks, or a blank line.
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?\u061F\u06D4\u2026])\\s+|\\n\\s*\\n");
    private static final int MIN_SENTENCE_CHARS = 12;

    private final int sentences;

    @Inject
    public ExtractiveAnswerer(AskConfig config) {
        this(config.extractiveSentences());
    }

    ExtractiveAnswerer(int sentences) {
        this.sentences = sentences;
    }

    private record Candidate(Passage passage, int position, String sentence, double score) {
    }

    public ExtractiveAnswer answer(String question, String language, PackedContext context) {
        if (context.isEmpty()) {
            return new ExtractiveAnswer(Languages.say(language,
                    "Je n'ai trouvé dans les documents aucun passage qui réponde à cette question.",
                    "لم أجد في الوثائق أي مقطع يجيب عن هذا السؤال.",
                    "I found no passage in the documents that answers this question."), Map.of());
        }
        Set<String> asked = Terms.of(question);
        List<Candidate> candidates = new ArrayList<>();
        for (Passage passage : context.passages()) {
            String[] split = SENTENCE_END.split(passage.text());
            for (int i = 0; i < split.length; i++) {
                String sentence = split[i].strip().replaceAll("\\s+", " ");
                if (sentence.length() >= MIN_SENTENCE_CHARS) {
                    candidates.add(new Candidate(passage, i, sentence, score(sentence, asked)));
                }
            }
        }
        List<Candidate> best = candidates.stream()
                .filter(candidate -> candidate.score() > 0)
                .sorted(Comparator.comparingDouble(Candidate::score).reversed()
                        .thenComparingInt(candidate -> candidate.passage().number())
                        .thenComparingInt(Candidate::position))
                .limit(sentences)
                .toList();
        if (best.isEmpty()) {
            // Matched by meaning, not words (e.g. another language): the opening of the best passage.
            best = candidates.stream().filter(c -> c.passage().number() == 1).limit(Math.min(2, sentences)).toList();
        }
        return render(language, best);
    }

    // Shared content words, dampened by sentence length so that long sentences do not win by size alone.
    private static double score(String sentence, Set<String> asked) {
        Set<String> words = Terms.of(sentence);
        if (words.isEmpty() || asked.isEmpty()) {
            return 0;
        }
        long shared = words.stream().filter(asked::contains).count();
        return shared / Math.sqrt(Math.max(4, words.size()));
    }

    private static ExtractiveAnswer render(String language, List<Candidate> chosen) {
        List<Candidate> inOrder = chosen.stream()
                .sorted(Comparator.comparingInt((Candidate c) -> c.passage().number()).thenComparingInt(Candidate::position))
                .toList();
        StringBuilder text = new StringBuilder(Languages.say(language,
                "Voici les passages des documents qui répondent le mieux à votre question :",
                "هذه أهم المقاطع من الوثائق التي تجيب عن سؤالك:",
                "Here are the passages of the documents that best answer your question:"));
        Map<Integer, List<String>> highlights = new LinkedHashMap<>();
        for (Candidate candidate : inOrder) {
            text.append("\n- ").append(candidate.sentence()).append(" [").append(candidate.passage().number()).append(']');
            highlights.computeIfAbsent(candidate.passage().number(), n -> new ArrayList<>()).add(candidate.sentence());
        }
        highlights.replaceAll((number, list) -> List.copyOf(list));
        return new ExtractiveAnswer(text.toString(), highlights);
    }
}
