package dev.headroom.sizing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The service-demand decisions, one per CPU figure (the service's, the database's). */
final class Demands {
    private Demands() {}

    static Optional<ServiceDemand> decide(
            String name,
            List<MeasuredStep> all,
            List<MeasuredStep> unsaturated,
            Capacity capacity,
            ToDoubleFunction<MeasuredStep> cpu,
            SizingLog log) {
        String column = name.equals("db_demand") ? "db_cpu_cores" : "app_cpu_cores";
        if (all.stream().noneMatch(s -> MeasuredStep.measured(cpu.applyAsDouble(s)))) {
            log.decide(Decision.notEvaluated(name, column + " is not in steps.csv"));
            log.find(Finding.warning(
                    FindingCode.INPUT_NOT_MEASURED, column + " not measured: " + name + " not evaluated"));
            return Optional.empty();
        }
        // The operating point: the steps at the capacity at the SLO (a search's full-length passes
        // there, pooled: OperatingPoint); without one, the valid step that carried the most, where
        // the CPU did the most requests' work. Measured: at 0.25 CPU the reference service ran its
        // whole budget from 100 req/s up (a JVM still compiling), so U/X at 300 req/s read 0.83 ms;
        // at its 353 req/s maximum 0.71 ms, which predicted 707 req/s at 0.5 CPU, where 770 were
        // measured (docs/benchmarks.md, "Sizer fidelity").
        Optional<OperatingPoint> point = capacity.operatingPoint(cpu)
                .or(() -> CapacityAnalysis.validByLoad(all).stream()
                        .filter(s -> s.throughputRps() > 0 && cpu.applyAsDouble(s) > 0)
                        .max(Comparator.comparingDouble(MeasuredStep::throughputRps))
                        .map(s -> new OperatingPoint(List.of(s))));
        if (point.isEmpty()) {
            log.decide(Decision.notEvaluated(name, "no valid step has both " + column + " above 0 and throughput"));
            return Optional.empty();
        }
        // The line U = U0 + X*D over the settled, unsaturated steps when it is known well enough
        // (DemandLine.trustworthy): D and U0 both used, per request and per replica. Otherwise the
        // utilization law at the operating point, which charges the background work to requests.
        // Either way the other is logged as the cross-check.
        ServiceDemand ratio = ServiceDemand.atOperatingPoint(point.get(), cpu);
        Optional<DemandLine> line = DemandLine.fit(unsaturated, cpu);
        boolean useLine = line.filter(DemandLine::trustworthy).isPresent();
        ServiceDemand d = useLine ? line.get().toDemand() : ratio;
        OperatingPoint op = point.get();
        double measuredAtPoint = op.mean(cpu);
        double rateAtPoint = op.throughputRps(cpu);
        log.decide(Decision.named(name)
                .input("column", column)
                .input(
                        "operating_steps",
                        op.measuring(cpu).stream().map(MeasuredStep::step).toList())
                .input(
                        "line_over_unsaturated_steps",
                        line.map(l -> String.format(
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
                        "cross_check_utilization_law_at_operating_steps",
                        String.format(
                                "U/X = %.4f ms at %.1f req/s (%s); the line predicts %.3f cores there, %.3f measured",
                                ratio.cpuSecondsPerRequest() * 1000,
                                rateAtPoint,
                                op.label(cpu),
                                line.map(l -> l.coresAt(rateAtPoint)).orElse(Double.NaN),
                                measuredAtPoint))
                .formula("utilization law U = U0 + X*D (Denning and Buzen, 1978); " + d.method())
                .result("cpu_ms_per_request", d.cpuSecondsPerRequest() * 1000)
                .result("background_cores", d.backgroundCores())
                .result("r_squared", d.rSquared())
                .result(
                        "cpu_ms_per_request_half_width_95",
                        useLine ? line.get().cpuSecondsPerRequestHalfWidth() * 1000 : Double.NaN)
                .result("background_cores_half_width_95", useLine ? line.get().backgroundCoresHalfWidth() : Double.NaN)
                .result("rps_per_core_at_100pct", (1 - d.backgroundCores()) / d.cpuSecondsPerRequest())
                .because(String.format(
                        "Each request costs %.3f ms of CPU on the test host, on top of %.3f cores per replica used"
                                + " whatever the load; one core at 100 %% would carry %.0f req/s.",
                        d.cpuSecondsPerRequest() * 1000,
                        d.backgroundCores(),
                        Math.max(0, (1 - d.backgroundCores()) / d.cpuSecondsPerRequest()))));
        return Optional.of(d);
    }
}
