package dev.headroom.report;

import dev.headroom.sizing.Capacity;
import dev.headroom.sizing.CapacityAnalysis;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.ReferenceLoad;
import dev.headroom.sizing.SearchEnd;
import dev.headroom.sizing.SizingRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The few figures a nightly run is judged by, read off its steps the same way for every run: what
 * it carried (capacity at the SLO, the knee, the most it carried) and what one request cost at a
 * reference load (CPU, connection hold time, latency). The costs are read at one fixed offered load
 * rather than at each run's own operating point, so that two runs are compared at the same load
 * even when their capacities differ.
 *
 * @param capacityAtSloRps the highest throughput of a valid step meeting the SLO (the sizer's)
 * @param saturated whether a knee was found; if not, capacity and max throughput are lower bounds
 * @param referenceLoad the load the per-request figures are read at: offered req/s (open model) or users
 * @param referenceStep the step nearest that load, 0 when there is none; when it is invalid, the
 *     per-request figures are NaN
 * @param cpuSecondsPerRequest the service's demand at the reference step, U / X (utilization law)
 */
public record HeadlineFigures(
        double capacityAtSloRps,
        boolean saturated,
        double kneeThroughputRps,
        double maxThroughputRps,
        double referenceLoad,
        int referenceStep,
        double cpuSecondsPerRequest,
        double dbCpuSecondsPerRequest,
        double connHoldSeconds,
        double latencyP95Seconds,
        double latencyP99Seconds,
        double errorRatio) {

    /**
     * The service's CPU per request over the database's, at the reference step: both follow the
     * host's speed, so the ratio moves when one of the two did work of another cost (compare's {@code
     * cpu_per_db_cpu}). NaN when the database's CPU was not measured.
     */
    public double cpuPerDbCpu() {
        return dbCpuSecondsPerRequest > 0 ? cpuSecondsPerRequest / dbCpuSecondsPerRequest : Double.NaN;
    }

    public static HeadlineFigures none() {
        return new HeadlineFigures(
                Double.NaN,
                false,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN);
    }

    /**
     * @param slo the scenario's SLO (NaN parts are not judged)
     * @param referenceLoad the load to read the per-request figures at; NaN: the middle step's
     */
    public static HeadlineFigures of(List<MeasuredStep> steps, SizingRequest.SloTarget slo, double referenceLoad) {
        return of(steps, slo, referenceLoad, Optional.empty());
    }

    /**
     * @param searchEnd how the run's capacity search ended (run.json), when the steps are its trials:
     *     its capacity is then "saturated" (not a lower bound) only when the search found its knee
     */
    public static HeadlineFigures of(
            List<MeasuredStep> steps,
            SizingRequest.SloTarget slo,
            double referenceLoad,
            Optional<SearchEnd> searchEnd) {
        Capacity c = CapacityAnalysis.analyze(steps, slo, searchEnd);
        double reference = Double.isNaN(referenceLoad) ? defaultReferenceLoad(steps) : referenceLoad;
        Optional<MeasuredStep> nearest = nearest(steps, reference);
        // an invalid step at the reference load measured the injector: its costs are not the service's,
        // and a neighbouring step would be another load, so they are not measured rather than borrowed
        Optional<MeasuredStep> ref = nearest.filter(MeasuredStep::valid);
        return new HeadlineFigures(
                c.capacityAtSloRps(),
                c.search().isPresent() ? !c.searchLowerBound() : c.knee().isPresent(),
                c.kneeThroughputRps(),
                c.maxThroughputRps(),
                reference,
                nearest.map(MeasuredStep::step).orElse(0),
                ref.map(s -> perRequest(s.appCpuCores(), s)).orElse(Double.NaN),
                ref.map(s -> perRequest(s.dbCpuCores(), s)).orElse(Double.NaN),
                ref.map(MeasuredStep::connHoldSeconds).orElse(Double.NaN),
                ref.map(MeasuredStep::latencyP95Seconds).orElse(Double.NaN),
                ref.map(MeasuredStep::latencyP99Seconds).orElse(Double.NaN),
                ref.map(MeasuredStep::errorRatio).orElse(Double.NaN));
    }

    /** The middle measured step's load ({@link ReferenceLoad#middle}). */
    public static double defaultReferenceLoad(List<MeasuredStep> steps) {
        return ReferenceLoad.middle(steps.stream().map(HeadlineFigures::loadOf).toList());
    }

    /** The step nearest {@code load}, valid or not; a tie goes to the lighter step. */
    public static Optional<MeasuredStep> nearest(List<MeasuredStep> steps, double load) {
        if (Double.isNaN(load)) return Optional.empty();
        return steps.stream()
                .min(Comparator.comparingDouble((MeasuredStep s) -> Math.abs(loadOf(s) - load))
                        .thenComparingDouble(HeadlineFigures::loadOf));
    }

    /** The offered rate in an open model; users in a closed one (the steps.csv's load axis). */
    public static double loadOf(MeasuredStep s) {
        return Double.isNaN(s.offeredRps()) ? s.load() : s.offeredRps();
    }

    /** Utilization law D = U / X; an idle step or an unmeasured CPU says nothing. */
    private static double perRequest(double cores, MeasuredStep s) {
        return s.throughputRps() > 0 ? cores / s.throughputRps() : Double.NaN;
    }
}
