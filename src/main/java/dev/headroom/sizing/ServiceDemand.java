package dev.headroom.sizing;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.hipparchus.stat.regression.SimpleRegression;

/**
 * CPU cost per request by the utilization law, U = X·D (Denning and Buzen, "The Operational
 * Analysis of Queueing Network Models", 1978), extended with a constant term: U = U₀ + X·D, fitted
 * by least squares over the unsaturated steps. The constant is the line's, over the rates it was
 * fitted on, not an idle reading: a search's first trials, soon after the warm-up, cost more a
 * request than its later ones, which lifts a line's U₀ to 0.09-0.36 cores where the warm service's
 * own is 0.02-0.03 (docs/sizing-model.md, "Demand below the knee"). Beyond the knee CPU is capped by
 * the budget and the fit would read the cap, not the cost.
 *
 * @param cpuSecondsPerRequest D, the marginal CPU seconds one request costs on the test host
 * @param backgroundCores U₀, the line's constant term, charged to every replica; 0 for the ratio
 * @param points the steps the fit used
 * @param rSquared goodness of fit; NaN for the single-ratio fallback
 * @param method how D was obtained, for the reasoning
 */
public record ServiceDemand(
        double cpuSecondsPerRequest, double backgroundCores, int points, double rSquared, String method) {

    /** Fewer points than this give the median ratio U/X rather than a line. */
    static final int MIN_POINTS_FOR_LINE = 3;

    public ServiceDemand {
        if (!(cpuSecondsPerRequest > 0) || Double.isInfinite(cpuSecondsPerRequest))
            throw new IllegalArgumentException("CPU seconds per request must be > 0, got " + cpuSecondsPerRequest);
        if (!(backgroundCores >= 0)) throw new IllegalArgumentException("background cores must be >= 0");
    }

    /** Cores used at {@code rps} on the test host: U = U₀ + X·D. */
    public double coresAt(double rps) {
        return backgroundCores + rps * cpuSecondsPerRequest;
    }

    /**
     * Requests per second that {@code cores} can carry at {@code utilization} on a CPU {@code speed}
     * times the test host's: X = (u·c·s − U₀) / D, the utilization law solved for X (work shrinks
     * by the speed factor, so D and U₀ both divide by s). Never negative.
     */
    public double rpsAt(double cores, double utilization, double speed) {
        return Math.max(0, (utilization * cores * speed - backgroundCores) / cpuSecondsPerRequest);
    }

    /** Cores needed for {@code rps} at {@code utilization} on a CPU {@code speed} times the test host's. */
    public double coresFor(double rps, double utilization, double speed) {
        return coresAt(rps) / (speed * utilization);
    }

    /**
     * The utilization law at one operating point, D = U / X with no constant term: at the highest
     * load within the SLO the background work (JIT, GC, the metrics scrape) is the smallest share of
     * the CPU, and whatever share it has is charged to the requests, which errs on the safe side at
     * and above that point. Below it, where an autoscaling target holds a replica, it under-reads the
     * CPU by U₀ (1 − X / X_k): on the warm reference service U₀ is 0.02-0.03 cores
     * (bench/cpu-curve.sh, rates in falling order), about 3 % at a target near 60 % of the knee's
     * rate (docs/sizing-model.md, "Demand below the knee"). Measured here: at low load a JVM still
     * compiling makes U₀ look large and D small (a line over the reference lab's steps gave U₀ = 0.30
     * cores, D = 0.21 ms, R² = 0.51; the ratio at the SLO step, 0.64 ms, matched what a whole core
     * then carried).
     */
    public static ServiceDemand atOperatingPoint(MeasuredStep step, ToDoubleFunction<MeasuredStep> cpu) {
        return atOperatingPoint(new OperatingPoint(List.of(step)), cpu);
    }

    /**
     * The same over every step of the operating point: their summed CPU over their summed
     * throughput, the utilization law over their windows together (a search's full-length passes
     * at its capacity, {@link OperatingPoint}).
     *
     * @throws IllegalArgumentException when no step of it has both CPU and throughput
     */
    public static ServiceDemand atOperatingPoint(OperatingPoint point, ToDoubleFunction<MeasuredStep> cpu) {
        List<MeasuredStep> m = point.measuring(cpu);
        if (m.isEmpty())
            throw new IllegalArgumentException("no step of the operating point (steps "
                    + point.steps().stream().map(s -> String.valueOf(s.step())).collect(Collectors.joining(", "))
                    + ") has both CPU and throughput");
        String method = m.size() == 1
                ? String.format(
                        Locale.ROOT,
                        "U/X at %s (%.1f req/s)",
                        point.label(cpu),
                        m.get(0).throughputRps())
                : String.format(
                        Locale.ROOT,
                        "U/X over %s (%.1f req/s on average): their summed CPU over their summed throughput",
                        point.label(cpu),
                        point.throughputRps(cpu));
        return new ServiceDemand(point.cpuSecondsPerRequest(cpu), 0, m.size(), Double.NaN, method);
    }

    /**
     * Fits the demand of the CPU figure {@code cpu} (e.g. the service's or the database's cores)
     * over {@code steps}, which the caller has limited to valid, unsaturated ones.
     *
     * @throws IllegalArgumentException when no step has the figure and a positive throughput
     */
    public static ServiceDemand fit(List<MeasuredStep> steps, ToDoubleFunction<MeasuredStep> cpu) {
        List<MeasuredStep> usable = steps.stream()
                .filter(s -> s.throughputRps() > 0 && MeasuredStep.measured(cpu.applyAsDouble(s)))
                .toList();
        if (usable.isEmpty()) throw new IllegalArgumentException("no step has both CPU and throughput");
        if (usable.size() >= MIN_POINTS_FOR_LINE) {
            SimpleRegression line = new SimpleRegression(true);
            usable.forEach(s -> line.addData(s.throughputRps(), cpu.applyAsDouble(s)));
            if (line.getIntercept() >= 0 && line.getSlope() > 0) {
                return new ServiceDemand(
                        line.getSlope(),
                        line.getIntercept(),
                        usable.size(),
                        line.getRSquare(),
                        "least squares U = U0 + X*D over " + usable.size() + " unsaturated valid steps");
            }
            // A negative intercept has no physical meaning (no load uses no CPU): through the origin.
            SimpleRegression origin = new SimpleRegression(false);
            usable.forEach(s -> origin.addData(s.throughputRps(), cpu.applyAsDouble(s)));
            if (origin.getSlope() > 0) {
                return new ServiceDemand(
                        origin.getSlope(),
                        0,
                        usable.size(),
                        origin.getRSquare(),
                        "least squares U = X*D through the origin over " + usable.size()
                                + " steps (the line with a constant had a negative one)");
            }
        }
        double[] ratios = usable.stream()
                .mapToDouble(s -> cpu.applyAsDouble(s) / s.throughputRps())
                .sorted()
                .toArray();
        double median = ratios.length % 2 == 1
                ? ratios[ratios.length / 2]
                : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
        if (!(median > 0)) throw new IllegalArgumentException("the measured CPU was zero at every step");
        return new ServiceDemand(
                median, 0, usable.size(), Double.NaN, "median of U/X over " + usable.size() + " steps");
    }
}
