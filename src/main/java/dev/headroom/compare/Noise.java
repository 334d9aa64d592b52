package dev.headroom.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.history.RunSummary;
import dev.headroom.input.InputException;
import dev.headroom.results.Json;
import dev.headroom.sizing.MeasuredStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The run-to-run noise of each headline figure: how much runs of one commit, on one host, differ
 * when nothing changed. Measured as the coefficient of variation (sample standard deviation over
 * mean) of the figure over those runs; the per-step figures (throughput and p95 of every step) are
 * pooled over the steps as the root mean square of their coefficients.
 *
 * @param source where it came from: a file, or the runs in a results folder
 * @param host the host it was measured on (CPU model and count)
 * @param figures by {@link Figure#key()}, {@link Figure#STEP_THROUGHPUT}, {@link Figure#STEP_P95}
 *     and {@link Figure#CALIBRATION}
 */
public record Noise(
        String source,
        String scenario,
        String scenarioSha256,
        String host,
        String gitCommit,
        String measuredAt,
        List<String> runs,
        Map<String, FigureNoise> figures) {

    public static final String METHOD = "coefficient of variation (sample standard deviation / mean) of each figure"
            + " over runs of one commit on one host; per-step figures pooled as the root mean square over the steps";

    /** One figure's spread over the runs. */
    public record FigureNoise(double mean, double sd, double cv, int runs, double min, double max) {}

    public Noise {
        runs = List.copyOf(runs);
        figures = Map.copyOf(figures);
    }

    public static Noise none() {
        return new Noise("none", "", "", "", "", "", List.of(), Map.of());
    }

    public boolean known() {
        return !figures.isEmpty();
    }

    public Optional<FigureNoise> of(String key) {
        return Optional.ofNullable(figures.get(key));
    }

    /** Measures the noise over {@code runs}, which the caller has checked are alike and of one commit. */
    public static Noise measure(List<RunSummary> runs, String source) {
        if (runs.size() < 2) throw new InputException("noise needs at least 2 runs of one commit, was " + runs.size());
        Map<String, FigureNoise> figures = new LinkedHashMap<>();
        for (Figure f : Figure.values()) spread(runs, f::of).ifPresent(n -> figures.put(f.key(), n));
        spread(runs, r -> r.environment().calibration().speed()).ifPresent(n -> figures.put(Figure.CALIBRATION, n));
        pooledOverSteps(runs, MeasuredStep::throughputRps).ifPresent(n -> figures.put(Figure.STEP_THROUGHPUT, n));
        pooledOverSteps(runs, s -> s.latencyP95Seconds() * 1000).ifPresent(n -> figures.put(Figure.STEP_P95, n));
        RunSummary first = runs.get(0);
        return new Noise(
                source,
                first.environment().scenarioName(),
                first.environment().scenarioSha256(),
                first.environment().hostCpuModel() + " x" + first.environment().hostCpuCount(),
                first.environment().gitCommit(),
                Instant.now().toString(),
                runs.stream().map(RunSummary::runId).toList(),
                figures);
    }

    static Optional<FigureNoise> spread(List<RunSummary> runs, ToDoubleFunction<RunSummary> figure) {
        double[] v =
                runs.stream().mapToDouble(figure).filter(d -> !Double.isNaN(d)).toArray();
        if (v.length < 2 || v.length < runs.size()) return Optional.empty(); // a figure some runs lack
        double mean = 0;
        for (double x : v) mean += x / v.length;
        if (!(mean > 0)) return Optional.empty();
        double ss = 0, min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double sd = Math.sqrt(ss / (v.length - 1));
        return Optional.of(new FigureNoise(mean, sd, sd / mean, v.length, min, max));
    }

    static Optional<FigureNoise> pooledOverSteps(List<RunSummary> runs, ToDoubleFunction<MeasuredStep> figure) {
        int steps = runs.stream().mapToInt(r -> r.steps().size()).min().orElse(0);
        double sumSquares = 0;
        int counted = 0;
        for (int i = 0; i < steps; i++) {
            int step = i;
            Optional<FigureNoise> n = spread(runs, r -> {
                MeasuredStep s = r.steps().get(step);
                return s.valid() ? figure.applyAsDouble(s) : Double.NaN;
            });
            if (n.isPresent()) {
                sumSquares += n.get().cv() * n.get().cv();
                counted++;
            }
        }
        if (counted == 0) return Optional.empty();
        double cv = Math.sqrt(sumSquares / counted);
        return Optional.of(new FigureNoise(Double.NaN, Double.NaN, cv, runs.size(), Double.NaN, Double.NaN));
    }

    /** Reads a noise file written by {@link #write}. */
    public static Noise read(Path file) {
        if (!Files.isRegularFile(file)) throw new InputException(file + ": no such noise file");
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            Map<String, FigureNoise> figures = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            root.path("figures").fields().forEachRemaining(e -> {
                JsonNode n = e.getValue();
                double cv = n.path("cv").asDouble(Double.NaN);
                int runs = n.path("runs").asInt(0);
                if (!(cv >= 0) || runs < 2)
                    problems.add(file + ": figures." + e.getKey() + ": needs cv >= 0 and runs >= 2");
                else
                    figures.put(
                            e.getKey(),
                            new FigureNoise(
                                    n.path("mean").asDouble(Double.NaN),
                                    n.path("sd").asDouble(Double.NaN),
                                    cv,
                                    runs,
                                    n.path("min").asDouble(Double.NaN),
                                    n.path("max").asDouble(Double.NaN)));
            });
            if (!problems.isEmpty()) throw new InputException(problems);
            List<String> runs = new ArrayList<>();
            root.path("runs").forEach(r -> runs.add(r.asText()));
            return new Noise(
                    file.toString(),
                    root.path("scenario").asText(""),
                    root.path("scenario_sha256").asText(""),
                    root.path("host").asText(""),
                    root.path("git_commit").asText(""),
                    root.path("measured_at").asText(""),
                    runs,
                    figures);
        } catch (IOException e) {
            throw new InputException(file + ": not readable JSON: " + e.getMessage());
        }
    }

    public void write(Path file) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("scenario_sha256", scenarioSha256);
        out.put("host", host);
        out.put("git_commit", gitCommit);
        out.put("measured_at", measuredAt);
        out.put("method", METHOD);
        out.put("runs", runs);
        out.put("figures", new java.util.TreeMap<>(figures)); // sorted: a stable file to check in
        try {
            if (file.toAbsolutePath().getParent() != null)
                Files.createDirectories(file.toAbsolutePath().getParent());
            Json.writeAtomically(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
