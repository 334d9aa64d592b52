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
        ServiceDemand d = ServiceDemand.atOperatingPoint(point.get(), cpu);
        Optional<ServiceDemand> line = Optional.empty();
        try {
            line = Optional.of(ServiceDemand.fit(unsaturated, cpu));
        } catch (IllegalArgumentException e) {
            // a cross-check only
        }
        log.decide(Decision.named(name)
                .input("column", column)
                .input("operating_step", point.get().step())
                .input(
                        "line_over_unsaturated_steps",
                        line.map(l -> String.format(
                                        "U = %.3f + X * %.4f ms (R^2 %.2f, %d steps)",
                                        l.backgroundCores(), l.cpuSecondsPerRequest() * 1000, l.rSquared(), l.points()))
                                .orElse("not fitted"))
                .formula("utilization law U = X*D (Denning and Buzen, 1978); " + d.method())
                .result("cpu_ms_per_request", d.cpuSecondsPerRequest() * 1000)
                .result("background_cores", d.backgroundCores())
                .result("r_squared", d.rSquared())
                .result("rps_per_core_at_100pct", (1 - d.backgroundCores()) / d.cpuSecondsPerRequest())
                .because(String.format(
                        "Each request costs %.3f ms of CPU on the test host, on top of %.3f cores used whatever"
                                + " the load; one core at 100 %% would carry %.0f req/s.",
                        d.cpuSecondsPerRequest() * 1000,
                        d.backgroundCores(),
                        Math.max(0, (1 - d.backgroundCores()) / d.cpuSecondsPerRequest()))));
        return Optional.of(d);
    }
}
