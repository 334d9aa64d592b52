package dev.headroom.sizing;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The service-demand decisions, one per CPU figure (the service's, the database's). */
final class Demands {
    private Demands() {}

    /**
     * One CPU figure's demand: at the operating point and above it (the ceiling, larger replicas),
     * and at and below the autoscaling target ({@link DemandAtTarget}; the same one when no step
     * showed the ratio to under-read there).
     */
    record Decided(ServiceDemand atCeiling, ServiceDemand atTarget) {}

    static Optional<Decided> decide(
            String name,
            List<MeasuredStep> all,
            List<MeasuredStep> unsaturated,
            Capacity capacity,
            ToDoubleFunction<MeasuredStep> cpu,
            double targetCores,
            Optional<WarmupEnd> warmup,
            SizingLog log) {
        String column = name.equals("db_demand") ? "db_cpu_cores" : "app_cpu_cores";
        if (all.stream().noneMatch(s -> MeasuredStep.measured(cpu.applyAsDouble(s)))) {
            log.decide(Decision.notEvaluated(name, column + " is not in steps.csv"));
            log.find(Finding.warning(
                    FindingCode.INPUT_NOT_MEASURED, column + " not measured: " + name + " not evaluated"));
            return Optional.empty();
        }
        // The operating point: the highest step within the SLO; without one, the valid step that
        // carried the most, where the CPU did the most requests' work. Measured: at 0.25 CPU the
        // reference service ran its whole budget from 100 req/s up (a JVM still compiling), so U/X
        // at 300 req/s read 0.83 ms; at its 353 req/s maximum 0.71 ms, which predicted 707 req/s at
        // 0.5 CPU, where 770 were measured (README, fidelity benchmark).
        Optional<MeasuredStep> point = capacity.atSlo()
                .filter(s -> s.throughputRps() > 0 && cpu.applyAsDouble(s) > 0)
                .or(() -> CapacityAnalysis.validByLoad(all).stream()
                        .filter(s -> s.throughputRps() > 0 && cpu.applyAsDouble(s) > 0)
                        .max(Comparator.comparingDouble(MeasuredStep::throughputRps)));
        if (point.isEmpty()) {
            log.decide(Decision.notEvaluated(name, "no valid step has both " + column + " above 0 and throughput"));
            return Optional.empty();
        }
        // The line U = U0 + X*D over the settled, unsaturated steps when it is known well enough
        // (DemandLine.trustworthy): D and U0 both used, per request and per replica. Otherwise the
        // utilization law at the operating point, which charges the background work to requests.
        // Either way the other is logged as the cross-check. The ratio is the chord from the origin
        // to the operating point: where steps below it measured more CPU a request at the
        // autoscaling target's cores, the ratio at the target's point is used at and below the
        // target (DemandAtTarget), so a replica there is given the rate the run measured.
        ServiceDemand ratio = ServiceDemand.atOperatingPoint(point.get(), cpu);
        Optional<DemandLine> line = DemandLine.fit(unsaturated, cpu);
        boolean useLine = line.filter(DemandLine::trustworthy).isPresent();
        MeasuredStep op = point.get();
        // A JVM still compiling when the trials began spends more CPU a request in the early (lower)
        // trials for a reason that passes with time: a bend read then would be the compiler's. Measured
        // on a quick run (the JIT 30 % of the CPU in its warm-up's last block): 0.3825 cores at 330 req/s,
        // then 0.87, 0.76 and 0.74 ms a request at 536 req/s over three trials.
        Optional<WarmupEnd> compiling = warmup.filter(WarmupEnd::stillCompiling);
        Optional<DemandAtTarget> atTarget = useLine || compiling.isPresent()
                ? Optional.empty()
                : DemandAtTarget.find(unsaturated, op, targetCores, cpu);
        ServiceDemand d = useLine ? line.get().toDemand() : ratio;
        ServiceDemand belowTarget = atTarget.map(DemandAtTarget::demand).orElse(d);
        double measuredAtPoint = cpu.applyAsDouble(op);
        log.decide(Decision.named(name)
                .input("column", column)
                .input("operating_step", op.step())
                .input(
                        "line_over_unsaturated_steps",
                        line.map(l -> String.format(
                                        Locale.ROOT,
                                        "U = %.3f ± %.3f + X * %.4f ± %.4f ms (95 %%, R^2 %.2f, %d steps)%s",
                                        l.backgroundCores(),
                                        l.backgroundCoresHalfWidth(),
                                        l.cpuSecondsPerRequest() * 1000,
                                        l.cpuSecondsPerRequestHalfWidth() * 1000,
                                        l.rSquared(),
                                        l.points(),
                                        l.trustworthy() ? "" : "; not used: D not known to ±20 % or U0 < 0"))
                                .orElse("not fitted (fewer than 3 steps with CPU and throughput)"))
                .input(
                        "cross_check_utilization_law_at_operating_step",
                        String.format(
                                Locale.ROOT,
                                "U/X = %.4f ms at %.1f req/s; the line predicts %.3f cores there, %.3f measured",
                                ratio.cpuSecondsPerRequest() * 1000,
                                op.throughputRps(),
                                line.map(l -> l.coresAt(op.throughputRps())).orElse(Double.NaN),
                                measuredAtPoint))
                .input(
                        "at_the_target",
                        useLine
                                ? "the line is used"
                                : !(targetCores > 0)
                                        ? "not read: no autoscaling target (the database, or no utilization ceiling)"
                                        : compiling.isPresent()
                                                ? String.format(
                                                        Locale.ROOT,
                                                        "not read: the JIT took %.0f %% of the service's CPU at the"
                                                                + " warm-up's end (its bound %.0f %%), so the trials'"
                                                                + " CPU a request fell with time, not only with the"
                                                                + " rate; the ratio is used",
                                                        compiling.get().lastJitShare() * 100,
                                                        compiling.get().jitShareMax() * 100)
                                                : atTarget.map(t -> String.format(
                                                                Locale.ROOT,
                                                                "%.1f req/s at the target's %.3f cores, %s: %.4f ms a request at"
                                                                        + " and below the target, where the ratio would give"
                                                                        + " %.1f req/s",
                                                                t.rps(),
                                                                t.cores(),
                                                                t.basis(),
                                                                t.demand().cpuSecondsPerRequest() * 1000,
                                                                t.cores() / ratio.cpuSecondsPerRequest()))
                                                        .orElse(String.format(
                                                                Locale.ROOT,
                                                                "no step below the operating point measured more CPU a request"
                                                                        + " at the target's %.3f cores: the ratio holds there",
                                                                targetCores)))
                .formula("utilization law U = U0 + X*D (Denning and Buzen, 1978); " + d.method())
                .result("cpu_ms_per_request", d.cpuSecondsPerRequest() * 1000)
                .result("background_cores", d.backgroundCores())
                .result("r_squared", d.rSquared())
                .result(
                        "cpu_ms_per_request_half_width_95",
                        useLine ? line.get().cpuSecondsPerRequestHalfWidth() * 1000 : Double.NaN)
                .result("background_cores_half_width_95", useLine ? line.get().backgroundCoresHalfWidth() : Double.NaN)
                .result("rps_per_core_at_100pct", (1 - d.backgroundCores()) / d.cpuSecondsPerRequest())
                .result("cpu_ms_per_request_at_target", belowTarget.cpuSecondsPerRequest() * 1000)
                .because(String.format(
                        Locale.ROOT,
                        "Each request costs %.3f ms of CPU on the test host, on top of %.3f cores per replica"
                                + " (a line's constant term, 0 for the ratio); one core at 100 %% would carry %.0f"
                                + " req/s.",
                        d.cpuSecondsPerRequest() * 1000,
                        d.backgroundCores(),
                        Math.max(0, (1 - d.backgroundCores()) / d.cpuSecondsPerRequest()))));
        return Optional.of(new Decided(d, belowTarget));
    }
}
