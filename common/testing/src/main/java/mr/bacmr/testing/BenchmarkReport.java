package mr.bacmr.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/benchmarks.md is shared by every benchmark: each owns the block between its {@code begin} and {@code end}
 * markers and rewrites only that, so one benchmark's run never erases another's figures or the prose around them.
 */
public final class BenchmarkReport {

    /**
     * Replaces the block from {@code begin} to {@code end} (both included in {@code section}) in {@code report}, or
     * appends it under {@code heading} (none when null) when the report has no such block yet.
     */
    public static void writeSection(Path report, String begin, String end, String heading, String section)
            throws IOException {
        String current = Files.exists(report) ? Files.readString(report) : "# Benchmarks\n";
        int from = current.indexOf(begin);
        int to = current.indexOf(end);
        String updated = from >= 0 && to > from
                ? current.substring(0, from) + section + current.substring(to + end.length())
                : current.stripTrailing() + "\n\n" + (heading == null ? "" : heading + "\n\n") + section + "\n";
        Files.writeString(report, updated);
    }

    private BenchmarkReport() {
    }
}
