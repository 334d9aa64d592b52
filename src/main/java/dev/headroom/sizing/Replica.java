package dev.headroom.sizing;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The replica's shape: its CPU, its memory, and the CPU utilization up to which it met the SLO. */
final class Replica {
    /**
     * Memory request = limit = peak use x 1.15, the margin Robusta KRR applies (and the VPA's 15 %
     * safety margin): memory is not compressible, so the limit must hold the peak.
     */
    static final double MEMORY_MARGIN = 1.15;

    private Replica() {}

    static double cpuCores(SizingRequest request, TestBed bed, SizingLog log) {
        double requested = request.replica().cpuCores();
        double tested = bed.serviceCpuCores();
        if (Double.isNaN(requested) && Double.isNaN(tested)) {
            log.decide(Decision.notEvaluated(
                    "replica_cpu",
                    "the test's CPU budget is unknown (no run.json) and the request names no replica.cpu_cores"));
            return Double.NaN;
        }
        double cores = Double.isNaN(requested) ? tested : requested;
        boolean vertical = !Double.isNaN(tested) && Math.abs(cores - tested) > 1e-9;
        log.decide(Decision.named("replica_cpu")
                .input("tested_cpu_cores", tested)
                .input("requested_cpu_cores", requested)
                .formula("the replica keeps the CPU budget it was measured with, unless the request sets one")
                .result("replica_cpu_cores", cores)
                .because(
                        vertical
                                ? String.format(
                                        Locale.ROOT,
                                        "The request asks for %.2f cores per replica; the test ran with %.2f, so per-replica"
                                                + " throughput is scaled by the utilization law: an extrapolation.",
                                        cores,
                                        tested)
                                : String.format(
                                        Locale.ROOT, "Each replica gets the %.2f cores it was measured with.", cores)));
        if (vertical) {
            log.find(Finding.warning(
                    FindingCode.EXTRAPOLATION_BEYOND_MEASURED,
                    String.format(
                            Locale.ROOT,
                            "replicas of %.2f cores were not measured (the test ran at %.2f): their throughput is"
                                    + " predicted by the utilization law",
                            cores,
                            tested)));
        }
        return cores;
    }

    /**
     * The replica's memory request and limit: the peak the test measured, or for a JVM service the
     * heap maximum plus the non-heap and direct buffers (TestBed#jvmMemoryFloorMib) when that is more (the heap the test did not see resident is
     * still the JVM's to take; a limit below it is a container killed when the heap grows), with
     * {@link #MEMORY_MARGIN} on top, rounded up to 64 MiB.
     */
    static double memoryMib(SizingRequest request, List<MeasuredStep> steps, TestBed bed, SizingLog log) {
        double floor = bed.jvmMemoryFloorMib();
        if (!Double.isNaN(request.replica().memoryMib())) {
            double set = request.replica().memoryMib();
            log.decide(Decision.named("replica_memory")
                    .input("requested_memory_mib", set)
                    .input("jvm_heap_max_plus_non_heap_mib", floor)
                    .result("replica_memory_mib", set)
                    .because("The request sets the replica's memory."));
            if (set < floor)
                log.find(Finding.warning(
                        FindingCode.MEMORY_BELOW_JVM_HEAP,
                        String.format(
                                Locale.ROOT,
                                "replica.memory_mib %.0f is below the %.0f MiB the service's JVM may hold (heap"
                                        + " maximum %.0f plus non-heap and direct buffers, run.json service_jvm_memory): a container"
                                        + " limited to it is killed when the heap fills, so the outputs pin no -Xmx"
                                        + " for it. Raise replica.memory_mib to %d MiB (the floor x 1.15 in 64 MiB"
                                        + " steps), or run the service with a smaller -Xmx and measure again",
                                set,
                                floor,
                                bed.jvmHeapMaxMib(),
                                requestFor(floor))));
            return set;
        }
        double peak = steps.stream()
                .mapToDouble(MeasuredStep::appMemoryMib)
                .filter(MeasuredStep::measured)
                .max()
                .orElse(Double.NaN);
        if (Double.isNaN(peak)) {
            String why = "app_memory_mib_max was not measured and the request sets no replica.memory_mib: without it"
                    + " no replica can be placed on a node, so no plan is made";
            log.decide(Decision.notEvaluated("replica_memory", why));
            log.find(Finding.warning(FindingCode.INPUT_NOT_MEASURED, why));
            return Double.NaN;
        }
        boolean fromHeap = floor > peak; // false for NaN: not a JVM, or it did not say
        double sized = fromHeap ? floor : peak;
        double mib = requestFor(sized);
        log.decide(Decision.named("replica_memory")
                .input("peak_memory_mib", peak)
                .input("jvm_heap_max_plus_non_heap_mib", floor)
                .formula("request = limit = max(peak, JVM heap max + non-heap + direct buffers) x 1.15, rounded up to"
                        + " 64 MiB"
                        + " (Robusta KRR; VPA safety margin)")
                .result("replica_memory_mib", mib)
                .because(
                        fromHeap
                                ? String.format(
                                        Locale.ROOT,
                                        "The service's resident memory peaked at %.0f MiB, below the %.0f MiB its JVM"
                                                + " holds once its whole heap is resident (heap maximum plus non-heap and"
                                                + " direct buffers):"
                                                + " sized from that.",
                                        peak,
                                        floor)
                                : String.format(
                                        Locale.ROOT, "The service's resident memory peaked at %.0f MiB.", peak)));
        // not when the floor and the peak round to the same 64 MiB step: then the floor changed nothing
        if (fromHeap && mib > requestFor(peak)) {
            log.find(Finding.warning(
                    FindingCode.JVM_HEAP_NOT_RESIDENT,
                    String.format(
                            Locale.ROOT,
                            "the service's JVM may hold %.0f MiB (heap maximum plus non-heap and direct buffers, run.json"
                                    + " service_jvm_memory) but held at most %.0f MiB in the test: its heap was"
                                    + " not all resident yet, so the memory request is sized from %.0f MiB, not from"
                                    + " what was measured. Start it with -Xms equal to -Xmx and -XX:+AlwaysPreTouch to"
                                    + " measure the whole heap, or lower -Xmx if the service needs less heap",
                            floor,
                            peak,
                            floor)));
        }
        return mib;
    }

    /** A memory request and limit for {@code mib} of use: x {@link #MEMORY_MARGIN}, rounded up to 64 MiB. */
    static int requestFor(double mib) {
        return (int) (Math.ceil(mib * MEMORY_MARGIN / 64) * 64);
    }

    /**
     * How far above its budget a step's CPU may read and still be the budget: the quota is enforced
     * per 100 ms period, and a window whose edges cut periods can read a few percent over it.
     */
    static final double CPU_OVER_BUDGET_TOLERANCE = 0.05;

    /**
     * The utilization at which the SLO still held: the service's CPU at the highest step within the
     * SLO (a search: the mean over its full-length passes at the capacity, {@link OperatingPoint})
     * over its budget. A lower bound when the test never pushed past the SLO, or when the pool,
     * the database or the threads stopped the service first ({@code bottleneck}).
     */
    static double ceilingUtilization(Capacity capacity, TestBed bed, Bottleneck bottleneck, SizingLog log) {
        Optional<OperatingPoint> point = capacity.operatingPoint(MeasuredStep::appCpuCores);
        if (point.isEmpty()) {
            log.decide(Decision.notEvaluated(
                    "ceiling_utilization", "no step within the SLO has the service's CPU measured"));
            return Double.NaN;
        }
        if (Double.isNaN(bed.serviceCpuCores())) {
            log.decide(Decision.notEvaluated(
                    "ceiling_utilization",
                    "the CPU the service had during the test is unknown: declare test_host.equivalent_instance_type"
                            + " or size from a Headroom run directory"));
            return Double.NaN;
        }
        String at = point.get().label(MeasuredStep::appCpuCores);
        double cores = point.get().mean(MeasuredStep::appCpuCores);
        double measured = cores / bed.serviceCpuCores();
        // The tolerance is one window's (its edges cut quota periods): each pass is held to it, not
        // their mean, which a pass over the budget and two under it could bring within it.
        List<MeasuredStep> passes = point.get().measuring(MeasuredStep::appCpuCores);
        MeasuredStep highest = passes.stream()
                .max(Comparator.comparingDouble(MeasuredStep::appCpuCores))
                .orElseThrow();
        double highestShare = highest.appCpuCores() / bed.serviceCpuCores();
        if (highestShare > 1 + CPU_OVER_BUDGET_TOLERANCE) {
            String m = String.format(
                    Locale.ROOT,
                    "at step %d the service used %.2f cores, %.0f %% of the %.2f-core budget it was tested with: the"
                            + " budget did not hold (a CPU quota not applied, or CPU counted that is not the service's),"
                            + " so no utilization ceiling, CPU target or plan is derived from it; run with the budget"
                            + " enforced, or declare the CPU the service really had (test_host)",
                    highest.step(),
                    highest.appCpuCores(),
                    highestShare * 100,
                    bed.serviceCpuCores());
            log.decide(Decision.notEvaluated("ceiling_utilization", m));
            log.find(Finding.error(FindingCode.CPU_ABOVE_BUDGET, m));
            return Double.NaN;
        }
        double u = Math.min(1.0, measured);
        if (highestShare > 1)
            log.find(Finding.info(
                    FindingCode.CPU_ABOVE_BUDGET,
                    String.format(
                            Locale.ROOT,
                            "at step %d the service read %.1f %% of its CPU budget, within the %.0f %% a sampling"
                                    + " window can read over a quota; the ceiling, %s, %s",
                            highest.step(),
                            highestShare * 100,
                            CPU_OVER_BUDGET_TOLERANCE * 100,
                            passes.size() > 1 ? "the mean over " + at : "at " + at,
                            measured > 1
                                    ? String.format(Locale.ROOT, "read %.1f %%: taken as 100 %%", measured * 100)
                                    : String.format(Locale.ROOT, "is %.1f %%", measured * 100))));
        String lowerBound = bottleneck.cpuNotTheLimit()
                ? String.format(
                        Locale.ROOT,
                        " The %s, not the CPU, stopped the service: %.0f %% is a lower bound of its ceiling, so the"
                                + " target below is conservative.",
                        bottleneck.primary().get().resource().words(),
                        u * 100)
                : "";
        log.decide(Decision.named("ceiling_utilization")
                .input("steps", passes.stream().map(MeasuredStep::step).toList())
                .input("app_cpu_cores", cores)
                .input("tested_cpu_cores", bed.serviceCpuCores())
                .formula("u_ceiling = app CPU at the highest step within the SLO (a search: the mean over its"
                        + " full-length passes at the capacity) / the CPU budget")
                .result("ceiling_utilization", u)
                .result("ceiling_is_lower_bound", bottleneck.cpuNotTheLimit())
                .because(String.format(
                                Locale.ROOT,
                                "At %s the service used %.2f of its %.2f cores (%.0f %%) and still met the SLO: no"
                                        + " autoscaling target may go above that.",
                                at,
                                cores,
                                bed.serviceCpuCores(),
                                u * 100)
                        + lowerBound));
        return u;
    }
}
