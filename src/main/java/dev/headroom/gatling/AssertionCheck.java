package dev.headroom.gatling;

import dev.headroom.report.HeadlineFigures;
import dev.headroom.scenario.Assertions;
import dev.headroom.scenario.Slo;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.SizingRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a scenario's assertions against the steps a run measured, with the same headline figures a
 * nightly comparison reads, so that a limit means the same thing in both places.
 */
final class AssertionCheck {
    private AssertionCheck() {}

    /** One assertion: its limit, what was measured, and whether it held. */
    record Result(String assertion, double limit, double measured, boolean held, String message) {}

    /** All of them; {@code held} when every one did. */
    record Outcome(boolean held, double referenceLoad, int referenceStep, List<Result> results) {
        String failures() {
            return String.join(
                    "; ",
                    results.stream().filter(r -> !r.held()).map(Result::message).toList());
        }
    }

    static Outcome check(Assertions a, Slo slo, List<MeasuredStep> steps, double planMiddleLoad) {
        SizingRequest.SloTarget target = SizingRequest.SloTarget.ofMillis(slo.p95Ms(), slo.p99Ms(), slo.errorRatio());
        double reference = Double.isNaN(a.referenceLoad()) ? planMiddleLoad : a.referenceLoad();
        HeadlineFigures f = HeadlineFigures.of(steps, target, reference);
        List<Result> results = new ArrayList<>();
        String load = String.format(Locale.ROOT, "%.0f (step %d)", reference, f.referenceStep());
        String at = " at " + load;
        atMost(results, "max_p95_ms", a.maxP95Ms(), f.latencyP95Seconds() * 1000, "p95" + at, "ms");
        atMost(results, "max_p99_ms", a.maxP99Ms(), f.latencyP99Seconds() * 1000, "p99" + at, "ms");
        atMost(
                results,
                "max_cpu_ms_per_request",
                a.maxCpuMsPerRequest(),
                f.cpuSecondsPerRequest() * 1000,
                "service CPU per request" + at,
                "ms");
        if (!Double.isNaN(a.maxErrorRatio())) {
            double refLoad = HeadlineFigures.nearest(steps, reference)
                    .map(HeadlineFigures::loadOf)
                    .orElse(Double.NaN);
            double worst = steps.stream()
                    .filter(s -> s.valid() && HeadlineFigures.loadOf(s) <= refLoad)
                    .mapToDouble(MeasuredStep::errorRatio)
                    .filter(e -> !Double.isNaN(e))
                    .max()
                    .orElse(Double.NaN);
            atMost(
                    results,
                    "max_error_ratio",
                    a.maxErrorRatio(),
                    worst,
                    "the highest error ratio of the steps up to " + load,
                    "");
        }
        if (!Double.isNaN(a.minCapacityAtSloRps())) {
            double c = f.capacityAtSloRps();
            boolean held = !Double.isNaN(c) && c >= a.minCapacityAtSloRps();
            results.add(new Result(
                    "min_capacity_at_slo_rps",
                    a.minCapacityAtSloRps(),
                    c,
                    held,
                    String.format(
                            Locale.ROOT,
                            "capacity at SLO %s req/s, asserted at least %s",
                            Double.isNaN(c) ? "not reached (no valid step met the SLO)" : fmt(c),
                            fmt(a.minCapacityAtSloRps()))));
        }
        return new Outcome(results.stream().allMatch(Result::held), reference, f.referenceStep(), results);
    }

    private static void atMost(List<Result> out, String name, double limit, double measured, String what, String unit) {
        if (Double.isNaN(limit)) return;
        boolean held = !Double.isNaN(measured) && measured <= limit;
        out.add(new Result(
                name,
                limit,
                measured,
                held,
                what + " "
                        + (Double.isNaN(measured) ? "not measured" : fmt(measured) + (unit.isEmpty() ? "" : " " + unit))
                        + ", asserted at most " + fmt(limit) + (unit.isEmpty() ? "" : " " + unit)));
    }

    private static String fmt(double v) {
        return new java.math.BigDecimal(v, new java.math.MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }
}
