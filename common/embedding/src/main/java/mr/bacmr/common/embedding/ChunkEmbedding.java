package mr.bacmr.common.embedding;

import java.util.List;

/**
 * The vector(s) covering one whole chunk.
 *
 * @param vector        unit-length mean of the window vectors: the chunk's vector
 * @param windowVectors unit-length vector of each window, in text order (one window for providers
 *                      whose input limit holds the whole chunk); retrieval may index them as children
 * @param model         embedding model name, published with the vector so indexes never mix models
 * @param dims          vector length
 */
public record ChunkEmbedding(String chunkId, float[] vector, List<float[]> windowVectors, String model, int dims) {
}
