package dev.headroom.sizing;

import java.util.Optional;

/**
 * What the steps say the service can carry, as measured (no model): the highest valid step within
 * the SLO, the knee, and the saturation throughput.
 *
 * @param atSlo the highest-throughput valid step that met every measured part of the SLO
 * @param knee the first step on the throughput plateau; empty when throughput still rose at the end
 * @param maxThroughputRps the highest throughput of any valid step
 * @param saturationReached the steps showed the service past its capacity: a knee, or (open model)
 *     the heaviest step fell behind its offered rate or the SLO's latency; a search: a failure
 *     above its capacity ({@link SearchCapacity#saturationReached})
 * @param search the capacity search's answer and bracket, when the steps are the trials of one
 */
public record Capacity(
        Optional<MeasuredStep> atSlo,
        Optional<MeasuredStep> knee,
        double maxThroughputRps,
        int validSteps,
        boolean saturationReached,
        Optional<SearchCapacity> search) {

    public Capacity {
        search = search == null ? Optional.empty() : search;
    }

    /** A staircase's capacity. */
    public Capacity(
            Optional<MeasuredStep> atSlo,
            Optional<MeasuredStep> knee,
            double maxThroughputRps,
            int validSteps,
            boolean saturationReached) {
        this(atSlo, knee, maxThroughputRps, validSteps, saturationReached, Optional.empty());
    }

    /** Whether the capacity at the SLO is a lower bound of a search that did not find its knee. */
    public boolean searchLowerBound() {
        return search.filter(SearchCapacity::lowerBound).isPresent();
    }

    public double capacityAtSloRps() {
        return atSlo.map(MeasuredStep::throughputRps).orElse(Double.NaN);
    }

    public double kneeConcurrency() {
        return knee.map(MeasuredStep::concurrency).orElse(Double.NaN);
    }

    public double kneeThroughputRps() {
        return knee.map(MeasuredStep::throughputRps).orElse(Double.NaN);
    }
}
