package dev.headroom.compare;

import dev.headroom.input.InputException;
import dev.headroom.yaml.InputFileException;
import dev.headroom.yaml.Problems;
import dev.headroom.yaml.YamlDocument;
import dev.headroom.yaml.YamlSection;
import dev.headroom.yaml.YamlSection.NumberRange;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a gate file (say {@code scenarios/gates/nightly.yaml}), every problem with its file, line
 * and field:
 *
 * <pre>
 * confidence: 0.95            # how sure a change must be, beyond the noise, to count
 * reference_load: 300         # offered req/s (or users) where per-request figures are read
 * max_drop_pct:               # figures where higher is better
 *   capacity_at_slo_rps: 10
 *   max_throughput_rps: 10
 * max_rise_pct:               # figures where lower is better
 *   p95_ms: 20
 *   cpu_ms_per_request: 15
 *   conn_hold_ms: 25
 * new_error_findings: fail    # fail or report
 * recommendation_change: report
 * </pre>
 *
 * A figure left out of both lists is reported, never gated; the file replaces the defaults whole,
 * so what it says is all the gate there is.
 */
public final class GateFile {
    private GateFile() {}

    public static Gate read(Path file) {
        Problems problems = new Problems(file.toString());
        Optional<YamlSection> root = YamlDocument.open(file, problems);
        Gate gate = root.map(r -> read(r, file)).orElse(null);
        try {
            problems.throwIfAny();
        } catch (InputFileException e) {
            throw new InputException(e.problems().stream().map(Object::toString).toList());
        }
        return gate;
    }

    private static Gate read(YamlSection top, Path file) {
        Gate defaults = Gate.defaults();
        Double confidence = top.number("confidence", NumberRange.above(0.5).upTo(0.999), defaults.confidence());
        Double reference = top.number("reference_load", NumberRange.above(0), Double.NaN);
        java.util.Map<Figure, Double> limits = new java.util.EnumMap<>(Figure.class);
        readLimits(top.section("max_drop_pct", false, "figures where higher is better: " + keys(true)), true, limits);
        readLimits(top.section("max_rise_pct", false, "figures where lower is better: " + keys(false)), false, limits);
        String errors = top.text("new_error_findings", "fail or report", "fail");
        String plan = top.text("recommendation_change", "fail or report", "report");
        boolean failOnErrors = failOrReport(top, "new_error_findings", errors);
        boolean failOnPlan = failOrReport(top, "recommendation_change", plan);
        top.finish();
        if (confidence == null) return null;
        return new Gate(
                limits,
                failOnErrors,
                failOnPlan,
                confidence,
                reference == null ? Double.NaN : reference,
                file.toString());
    }

    private static void readLimits(YamlSection section, boolean higherIsBetter, java.util.Map<Figure, Double> out) {
        for (String key : section.keys()) {
            Optional<Figure> f = Arrays.stream(Figure.values())
                    .filter(x -> x.key().equals(key))
                    .findFirst();
            if (f.isEmpty()) {
                section.reject(key, "unknown figure; accepted here: " + keys(higherIsBetter));
            } else if (f.get().higherIsBetter() != higherIsBetter) {
                section.reject(
                        key,
                        key + " is better when " + (higherIsBetter ? "lower" : "higher") + ": put it under "
                                + (higherIsBetter ? "max_rise_pct" : "max_drop_pct"));
            } else {
                Double pct = section.number(key, NumberRange.from(0).upTo(1000));
                if (pct != null) out.put(f.get(), pct / 100);
            }
        }
        section.finish();
    }

    private static boolean failOrReport(YamlSection top, String key, String value) {
        if (value == null) return false;
        if (value.equals("fail")) return true;
        if (!value.equals("report")) top.problemAt(key, "accepted: fail or report, was " + value);
        return false;
    }

    static String keys(boolean higherIsBetter) {
        return Arrays.stream(Figure.values())
                .filter(f -> f.higherIsBetter() == higherIsBetter)
                .map(Figure::key)
                .collect(Collectors.joining(", "));
    }
}
