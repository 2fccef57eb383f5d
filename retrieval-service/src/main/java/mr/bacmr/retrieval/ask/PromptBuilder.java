package mr.bacmr.retrieval.ask;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The retrieval-augmented prompt: numbered sources, the question, and the rules — answer only from the sources,
 * cite them as [n], say so when they do not hold the answer, write in the asked language.
 */
@ApplicationScoped
public class PromptBuilder {

    private final TokenCounter tokens;

    public PromptBuilder(TokenCounter tokens) {
        this.tokens = tokens;
    }

    public Prompt build(String question, String language, PackedContext context) {
        String system = """
                You are the study assistant of BacMR, a platform for students preparing the Mauritanian \
                baccalaureate. Answer the student's question using ONLY the numbered sources below, which come from \
                course books and past exam papers. Cite the sources you use as [1], [2], ... right after the \
                sentences they support. If the sources do not contain the answer, say so briefly instead of \
                answering from memory. Be clear and concise, as a good teacher would. Write the whole answer in %s."""
                .formatted(Languages.promptName(language));
        StringBuilder user = new StringBuilder("Sources:\n");
        for (Passage passage : context.passages()) {
            user.append('[').append(passage.number()).append("] ")
                    .append(passage.hit().title() == null ? "" : passage.hit().title())
                    .append(", p. ").append(passage.hit().page()).append('\n')
                    .append(passage.text()).append("\n\n");
        }
        user.append("Question: ").append(question.strip());
        String userMessage = user.toString();
        return new Prompt(system, userMessage, tokens.countMessages(system, userMessage));
    }
}
