package mr.bacmr.common.embedding;

import java.util.List;

/** The little vector arithmetic pooling needs. */
public final class Vectors {

    private Vectors() {
    }

    public static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }

    /** v / |v| (a copy); a zero vector stays zero. */
    public static float[] normalize(float[] v) {
        double norm = norm(v);
        float[] out = new float[v.length];
        if (norm == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    /**
     * Mean of the L2-normalised vectors, normalised again: every window counts the same, whatever
     * its length, so the last (often short) window of a chunk is not drowned by the others.
     */
    public static float[] meanOfNormalized(List<float[]> vectors) {
        float[] sum = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            float[] unit = normalize(v);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += unit[i];
            }
        }
        return normalize(sum);
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        double norms = norm(a) * norm(b);
        return norms == 0 ? 0 : dot / norms;
    }
}
