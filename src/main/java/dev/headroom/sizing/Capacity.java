package dev.headroom.sizing;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

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
 * @param operatingSteps the steps the service's figures at the capacity are read over: a search's
 *     full-length passes at its capacity (its operating point, {@link OperatingPoint}); a
 *     staircase's {@code atSlo} alone; empty without {@code atSlo}
 */
public record Capacity(
        Optional<MeasuredStep> atSlo,
        Optional<MeasuredStep> knee,
        double maxThroughputRps,
        int validSteps,
        boolean saturationReached,
        Optional<SearchCapacity> search,
        List<MeasuredStep> operatingSteps) {

    public Capacity {
        search = search == null ? Optional.empty() : search;
        operatingSteps = atSlo.isEmpty()
                ? List.of()
                : operatingSteps == null || operatingSteps.isEmpty()
                        ? List.of(atSlo.get())
                        : List.copyOf(operatingSteps);
        if (atSlo.isPresent() && !operatingSteps.contains(atSlo.get()))
            throw new IllegalArgumentException("the operating steps must include the step at the SLO");
    }

    /** A capacity read at one step (a staircase's, or a search's without its trials at the capacity). */
    public Capacity(
            Optional<MeasuredStep> atSlo,
            Optional<MeasuredStep> knee,
            double maxThroughputRps,
            int validSteps,
            boolean saturationReached,
            Optional<SearchCapacity> search) {
        this(atSlo, knee, maxThroughputRps, validSteps, saturationReached, search, List.of());
    }

    /** The service's figures at the capacity, over {@link #operatingSteps}; empty without a step at the SLO. */
    public Optional<OperatingPoint> operatingPoint() {
        return operatingSteps.isEmpty() ? Optional.empty() : Optional.of(new OperatingPoint(operatingSteps));
    }

    /** {@link #operatingPoint()} when at least one of its steps measured {@code figure} (and throughput). */
    public Optional<OperatingPoint> operatingPoint(ToDoubleFunction<MeasuredStep> figure) {
        return operatingPoint().filter(p -> !p.measuring(figure).isEmpty());
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
