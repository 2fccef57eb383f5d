package mr.bacmr.retrieval.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A SQuAD-format question set as a retrieval task: each passage is a chunk, each question has its passage as gold. */
public record QaSet(String name, String language, List<String> passages, List<Question> questions) {

    public record Question(String text, int passage) {
    }

    public static QaSet read(String name, String language, Path squadJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(squadJson));
        List<String> passages = new ArrayList<>();
        List<Question> questions = new ArrayList<>();
        for (JsonNode article : root.path("data")) {
            for (JsonNode paragraph : article.path("paragraphs")) {
                int passage = passages.size();
                passages.add(paragraph.path("context").asText());
                for (JsonNode qa : paragraph.path("qas")) {
                    if (!qa.path("is_impossible").asBoolean(false)) {
                        questions.add(new Question(qa.path("question").asText(), passage));
                    }
                }
            }
        }
        return new QaSet(name, language, List.copyOf(passages), List.copyOf(questions));
    }

    /** The file from ../shared/corpus/qa (or BACMR_CORPUS), else a bundled copy under test resources; null if neither. */
    public static Path locate(String fileName) {
        String configured = System.getProperty("bacmr.corpus", System.getenv("BACMR_CORPUS"));
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured, "qa", fileName));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            candidates.add(p.resolve("shared/corpus/qa").resolve(fileName));
        }
        candidates.add(Path.of("src/test/resources/corpus", fileName));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }
}
