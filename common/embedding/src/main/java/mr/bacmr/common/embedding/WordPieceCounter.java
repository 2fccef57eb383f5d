package mr.bacmr.common.embedding;

/**
 * Counts the tokens an embedding model sees, with that model's own tokenizer, so that windows
 * can be sized to the model's input limit. Counts exclude the model's special tokens
 * ([CLS]/[SEP] for BERT-style models): the caller keeps room for them.
 */
public interface WordPieceCounter {

    /** Tokens of {@code text}, without special tokens and without any truncation. */
    int count(String text);

    /**
     * For each token of {@code text} in order, the char offset just after it (exclusive end);
     * {@code tokenEnds(text).length == count(text)}.
     */
    int[] tokenEnds(String text);
}
