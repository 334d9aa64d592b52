package dev.headroom.sizing;

import java.util.List;
import java.util.Optional;

/**
 * A plan on another CPU architecture than the test's rests on a cross-architecture speed factor
 * (CoreMark, an integer benchmark, not a JVM workload): said, with the best plan on the test's own
 * architecture beside it.
 */
final class Architectures {
    private Architectures() {}

    /** Fargate tasks here run on x86_64, the default platform of a task definition (see PlanBuilder). */
    static Arch of(Plan p, InstanceCatalog instances) {
        return instances.find(p.capacityType()).map(InstanceType::arch).orElse(Arch.X86_64);
    }

    /** @return the best feasible plan on the test's architecture, when the recommendation is on another */
    static Optional<Plan> check(
            Plan best, List<Plan> ranked, Optional<Arch> testArch, InstanceCatalog instances, SizingLog log) {
        if (testArch.isEmpty()) return Optional.empty();
        Arch planArch = of(best, instances);
        if (planArch == testArch.get()) return Optional.empty();
        Optional<Plan> same = ranked.stream()
                .filter(Plan::feasible)
                .filter(p -> of(p, instances) == testArch.get())
                .findFirst();
        log.find(Finding.warning(
                FindingCode.ARCHITECTURE_CHANGE,
                String.format(
                        "the recommendation (%s) is %s, the test ran on %s: its per-request CPU is carried across"
                                + " architectures by CoreMark per vCPU, an estimate for a JVM. Measure it instead: run"
                                + " the test on a %s host and size from that run. %s",
                        best.capacityType(),
                        planArch,
                        testArch.get(),
                        planArch,
                        same.map(p -> "The best " + testArch.get() + " plan, which needs no such estimate: "
                                        + p.capacityType()
                                        + (Double.isNaN(p.cost().totalUsdPerMonth())
                                                ? ""
                                                : String.format(
                                                        " at %.0f USD/month",
                                                        p.cost().totalUsdPerMonth()))
                                        + ".")
                                .orElse("No " + testArch.get() + " plan is feasible."))));
        return same;
    }
}
