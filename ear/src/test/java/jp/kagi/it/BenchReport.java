package jp.kagi.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes one benchmark's section into docs/performance.md, between {@code <!-- bench:NAME -->} markers, leaving the
 * other benchmarks' sections as they are. The path comes from -Dkagi.bench.report (set by the bench profile).
 */
final class BenchReport {

    private BenchReport() {
    }

    static void write(String name, String markdown) {
        String target = System.getProperty("kagi.bench.report");
        if (target == null) {
            System.out.println(markdown);
            return;
        }
        Path file = Path.of(target);
        String begin = "<!-- bench:" + name + " -->";
        String end = "<!-- /bench:" + name + " -->";
        try {
            String doc = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8)
                    : "# Performance\n\nMeasured by the benchmarks under `bench/`; each section is rewritten by its run.\n";
            String section = begin + "\n" + markdown.strip() + "\n" + end;
            int from = doc.indexOf(begin);
            int to = doc.indexOf(end);
            doc = from >= 0 && to > from ? doc.substring(0, from) + section + doc.substring(to + end.length())
                    : doc.stripTrailing() + "\n\n" + section + "\n";
            Files.createDirectories(file.getParent());
            Files.writeString(file, doc, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The q-quantile (0..1) of the samples, nearest-rank. */
    static double quantile(double[] samples, double q) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap (test JVM), Java "
                + System.getProperty("java.version");
    }
}
