package mr.bacmr.retrieval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import mr.bacmr.common.auth.Tier;
import mr.bacmr.common.auth.TierLimits;
import mr.bacmr.retrieval.ask.ContextPacker;
import mr.bacmr.retrieval.ask.ExtractiveAnswerer;
import mr.bacmr.retrieval.ask.LexicalAnswerValidator;
import mr.bacmr.retrieval.ask.PackedContext;
import mr.bacmr.retrieval.ask.PromptBuilder;
import mr.bacmr.retrieval.ask.ScriptNgramLanguageDetector;
import mr.bacmr.retrieval.ask.TokenCounter;
import mr.bacmr.retrieval.domain.SearchHit;
import mr.bacmr.testing.BenchmarkReport;

/**
 * The local CPU work of one ask, beside the model and billing calls it waits for: packing the tier's context,
 * building and counting the prompt, the extractive answer, the validation of a generated answer. Arabic passages
 * are XQuAD-ar contexts (bundled), French ones are course-like paragraphs. Not a test: run it with
 * {@code ./bacmr bench ask}; it rewrites its section of docs/benchmarks.md.
 */
public final class AskBenchmark {

    private static final String BEGIN = "<!-- ask-benchmark:begin -->";
    private static final String END = "<!-- ask-benchmark:end -->";
    private static final int ROUNDS = 300;

    private static final String[] FRENCH = {
            "La photosynthèse est le processus par lequel les plantes vertes fabriquent leur matière organique à partir "
                    + "du dioxyde de carbone de l'air et de l'eau du sol, grâce à l'énergie lumineuse captée par la "
                    + "chlorophylle des chloroplastes.",
            "La Mauritanie a obtenu son indépendance le 28 novembre 1960. Nouakchott, fondée en 1958 au bord de "
                    + "l'océan Atlantique, en est devenue la capitale; le fleuve Sénégal marque la frontière sud.",
            "Une fonction dérivable en un point admet une tangente en ce point; le nombre dérivé est la pente de "
                    + "cette tangente et mesure la vitesse de variation instantanée de la fonction.",
            "L'équation bilan de la respiration cellulaire est l'inverse de celle de la photosynthèse: le glucose est "
                    + "oxydé en dioxyde de carbone et en eau, en libérant l'énergie stockée sous forme d'ATP."};

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
        TokenCounter tokens = new TokenCounter();
        ContextPacker packer = new ContextPacker(tokens);
        PromptBuilder prompts = new PromptBuilder(tokens);
        ExtractiveAnswerer extractive = new ExtractiveAnswerer(new AskBenchConfig());
        LexicalAnswerValidator validator = new LexicalAnswerValidator(new ScriptNgramLanguageDetector(),
                new AskBenchConfig());

        List<String> arabic = arabicContexts();
        List<String> french = frenchPassages(tokens);
        StringBuilder rows = new StringBuilder();
        for (String language : List.of("fr", "ar")) {
            List<String> passages = language.equals("fr") ? french : arabic;
            String question = language.equals("fr") ? "Comment la photosynthèse fabrique-t-elle le glucose ?"
                    : "كم نقطة حصل عليها فريق بانثرز في الدوري؟";
            for (Tier tier : Tier.values()) {
                TierLimits limits = tier.limits();
                List<SearchHit> hits = hits(passages, limits.maxTopK(), language, tokens);
                PackedContext context = packer.pack(hits, limits.contextTokens());
                String answer = answerFrom(context);
                double pack = medianMicros(() -> packer.pack(hits, limits.contextTokens()));
                double prompt = medianMicros(() -> prompts.build(question, language, context));
                double quote = medianMicros(() -> extractive.answer(question, language, context));
                double validate = medianMicros(() -> validator.validate(answer, language, context).await().indefinitely());
                rows.append(String.format(Locale.ROOT, "| %s | %s | %d / %,d | %d passages, %,d tokens | %,.0f | %,.0f | "
                                + "%,.0f | %,.0f | %,.1f |%n", language, tier.claim(), limits.maxTopK(),
                        limits.contextTokens(), context.passages().size(), context.tokens(), pack, prompt, quote,
                        validate, (pack + prompt + validate) / 1000));
            }
        }
        String section = BEGIN + "\n## Ask: local work per ask\n\n"
                + "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", heap max "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB. Command: `./bacmr bench ask`. Median of "
                + ROUNDS + " rounds after as many warm-up rounds, one thread; the chat model and billing calls are "
                + "not included (they are network calls the ask waits for). Passages carry the index's token count, "
                + "as in production, so packing does not re-encode them; the prompt is counted whole (o200k). "
                + "Single runs on a shared 2-core machine vary by about a third.\n\n"
                + "| lang | tier | top_k / budget | context packed | pack µs | prompt µs | extractive answer µs | "
                + "validate µs | generative total ms |\n|---|---|---|---|---|---|---|---|---|\n"
                + rows + END;
        write(report, section);
        System.out.println(section);
        System.out.println("JVM uptime " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
    }

    private record AskBenchConfig() implements mr.bacmr.retrieval.config.AskConfig {
        @Override
        public double groundedThreshold() {
            return 0.6;
        }

        @Override
        public int extractiveSentences() {
            return 3;
        }

        @Override
        public String defaultLanguage() {
            return "fr";
        }

        // the benchmark measures the local adapters only
        @Override
        public Provider languageDetector() {
            return () -> "local";
        }

        @Override
        public Provider validator() {
            return () -> "local";
        }

        @Override
        public Judge judge() {
            throw new UnsupportedOperationException("no judge model in the local benchmark");
        }

        @Override
        public Idempotency idempotency() {
            throw new UnsupportedOperationException("no idempotency keys in the local benchmark");
        }
    }

    private static List<SearchHit> hits(List<String> passages, int count, String language, TokenCounter tokens) {
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = passages.get(i % passages.size());
            hits.add(new SearchHit(UUID.randomUUID().toString(), UUID.randomUUID(), "Manuel " + i, i + 1, language,
                    1.0 / (i + 1), text, null, tokens.count(text)));
        }
        return hits;
    }

    // A plausible generated answer: a few sentences of the first two sources, with citations.
    private static String answerFrom(PackedContext context) {
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < Math.min(2, context.passages().size()); i++) {
            String text = context.passages().get(i).text();
            answer.append(text, 0, Math.min(300, text.length())).append(" [").append(i + 1).append("] ");
        }
        return answer.toString();
    }

    /** About 400-token French passages, as ingestion cuts them. */
    private static List<String> frenchPassages(TokenCounter tokens) {
        List<String> passages = new ArrayList<>();
        for (int start = 0; start < FRENCH.length; start++) {
            StringBuilder text = new StringBuilder();
            for (int i = start; tokens.count(text.toString()) < 400; i++) {
                text.append(FRENCH[i % FRENCH.length]).append(' ');
            }
            passages.add(text.toString().strip());
        }
        return passages;
    }

    private static List<String> arabicContexts() throws Exception {
        try (InputStream in = AskBenchmark.class.getResourceAsStream("/corpus/xquad.ar.json")) {
            JsonNode data = new ObjectMapper().readTree(in).path("data");
            List<String> contexts = new ArrayList<>();
            data.forEach(article -> article.path("paragraphs").forEach(p -> contexts.add(p.path("context").asText().strip())));
            return contexts.subList(0, 40);
        }
    }

    private static double medianMicros(Supplier<?> work) {
        long[] nanos = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            work.get();
        }
        for (int i = 0; i < ROUNDS; i++) {
            long started = System.nanoTime();
            work.get();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return nanos[ROUNDS / 2] / 1000.0;
    }

    private static void write(Path report, String section) throws Exception {
        BenchmarkReport.writeSection(report, BEGIN, END, null, section); // the section carries its heading
    }

    private AskBenchmark() {
    }
}
