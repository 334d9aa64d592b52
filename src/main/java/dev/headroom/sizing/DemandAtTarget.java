package dev.headroom.sizing;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The rate at which the service used the autoscaling target's cores, read from the measured steps,
 * and the CPU a request costs there: the demand the plans use at and below the target when the line
 * over the steps is not trusted and the utilization law at the operating point would be used.
 *
 * <p>Why: the utilization law at the operating point (D_k = U_k / X_k at the highest step within
 * the SLO) is the chord from the origin to that step, so it predicts U = X U_k / X_k at every lower
 * rate, and the autoscaling target sits below the operating point. The reference service's CPU is
 * concave in its rate: on the AMD host on 2026-12-07, under a 0.5-core quota with no injector of
 * Headroom's, a paced client read 0.009-0.014 cores idle, 0.086 at 25 req/s (3.4 ms a request),
 * 0.126 at 100, 0.215 at 200 and 0.276 at 400 (0.69 ms); a search at 0.25 CPU started at 50 req/s
 * read 0.136, 0.143 and 0.213 cores at 50, 100 and 200 req/s, and a default search at 0.5 CPU read
 * 0.358 cores (72 % of its budget) at 433 req/s, where the ratio at its 719 req/s knee (0.666 ms)
 * predicted 0.288 (58 %). The ratio therefore gave a replica 503 req/s at a 67 % target that this
 * run had measured at 72 % by 433: the peak got too few replicas (docs/sizing-model.md, "Demand at
 * the target").
 *
 * <p>The bound: for any U concave in X with U(0) &gt;= 0, U / X does not rise with X, so U / X at a
 * step below the target's rate reads at least the CPU a request costs there, and at a step above it at
 * most. Interpolating linearly between the steps nearest the target's cores on each side gives a
 * point whose U / X lies between the two, so it is within those bounds; with no step below, the
 * nearest above gives the upper bound of the rate, still nearer than the operating point's.
 *
 * <p>What it is used for: D_t = U_t / X_t, through the origin, for the rate a replica carries at
 * the target and the CPU of a load at or below it (the sustained load of burstable types). D_t is
 * at least D_k, so no replica is given a higher rate than the utilization law at the operating point
 * gave it; the ceiling and everything above it keep D_k. A line through the two points (a secant)
 * was tried and left: its smaller slope gave a replica larger than the tested one up to 41 % more
 * than the ratio, and its intercept, charged to every replica, left a smaller one almost nothing.
 *
 * @param rps the rate at which one replica uses {@code cores} (X_t)
 * @param cores the target's cores on the test bed, target utilization x the budget (U_t)
 * @param basis which steps gave the point, for the decision's reasoning
 */
record DemandAtTarget(double rps, double cores, String basis) {

    /**
     * The target's point from {@code steps} (valid, unsaturated) and the operating point; empty when
     * no step shows the CPU a request costs at the target to exceed the operating point's (the ratio
     * then holds there), or when the target is not below the operating point's cores.
     *
     * @param targetCores the autoscaling target times the service's CPU budget, in cores
     */
    static Optional<DemandAtTarget> find(
            List<MeasuredStep> steps, MeasuredStep operating, double targetCores, ToDoubleFunction<MeasuredStep> cpu) {
        double kneeRps = operating.throughputRps();
        double kneeCores = cpu.applyAsDouble(operating);
        if (!(targetCores > 0) || !(kneeRps > 0) || !(kneeCores > targetCores)) return Optional.empty();
        // Steps that carried their rate (closed-model steps have none to fall behind) at or below the
        // operating point's: the CPU of a rate served, not of a queue.
        List<MeasuredStep> points = Stream.concat(steps.stream(), Stream.of(operating))
                .filter(s -> s.valid()
                        && (!MeasuredStep.measured(s.offeredRps()) || CapacityAnalysis.delivered(s))
                        && s.throughputRps() > 0
                        && s.throughputRps() <= kneeRps
                        && cpu.applyAsDouble(s) > 0)
                .toList();
        Comparator<MeasuredStep> byCores = Comparator.comparingDouble(cpu);
        MeasuredStep above = points.stream()
                .filter(s -> cpu.applyAsDouble(s) >= targetCores)
                .min(byCores)
                .orElse(operating);
        Optional<MeasuredStep> below = points.stream()
                .filter(s -> cpu.applyAsDouble(s) < targetCores)
                .max(byCores)
                .filter(s -> s.throughputRps() < above.throughputRps());
        double ua = cpu.applyAsDouble(above);
        double rps;
        String basis;
        if (below.isPresent()) {
            MeasuredStep b = below.get();
            double ub = cpu.applyAsDouble(b);
            rps = b.throughputRps() + (targetCores - ub) * (above.throughputRps() - b.throughputRps()) / (ua - ub);
            basis = String.format(
                    Locale.ROOT,
                    "between step %d (%.1f req/s, %.3f cores) and step %d (%.1f req/s, %.3f cores)",
                    b.step(),
                    b.throughputRps(),
                    ub,
                    above.step(),
                    above.throughputRps(),
                    ua);
        } else {
            rps = targetCores * above.throughputRps() / ua;
            basis = String.format(
                    Locale.ROOT,
                    "U/X at step %d (%.1f req/s, %.3f cores), the step nearest above the target; none below it",
                    above.step(),
                    above.throughputRps(),
                    ua);
        }
        // No bend measured: the ratio at the operating point already holds at the target.
        if (!(rps > 0) || !(rps < kneeRps) || targetCores / rps <= kneeCores / kneeRps * (1 + 1e-9))
            return Optional.empty();
        return Optional.of(new DemandAtTarget(rps, targetCores, basis));
    }

    /** D_t = U_t / X_t: the utilization law at the target's point. */
    ServiceDemand demand() {
        return new ServiceDemand(
                cores / rps,
                0,
                1,
                Double.NaN,
                String.format(
                        Locale.ROOT, "U/X at the target's point (%.1f req/s at %.3f cores, %s)", rps, cores, basis));
    }
}
