package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Capacity at the SLO, the knee and the saturation point, read off the measured steps. */
public final class CapacityAnalysis {
    /**
     * How close to the highest throughput a step must be to sit on the plateau. Steps within this
     * band of the maximum bought almost nothing for the extra load; 2.5 % is about the spread of
     * throughput between repeated unsaturated steps on the reference lab (see the README's noise
     * figures), so a smaller band would call noise a slope.
     */
    public static final double PLATEAU_BAND = 0.025;

    private CapacityAnalysis() {}

    /** The valid steps, ordered by load (concurrency, or the offered rate). */
    public static List<MeasuredStep> validByLoad(List<MeasuredStep> steps) {
        return steps.stream()
                .filter(MeasuredStep::valid)
                .sorted(Comparator.comparingDouble(MeasuredStep::load))
                .toList();
    }

    public static Capacity analyze(List<MeasuredStep> steps, SizingRequest.SloTarget slo) {
        List<MeasuredStep> valid = validByLoad(steps);
        double max =
                valid.stream().mapToDouble(MeasuredStep::throughputRps).max().orElse(Double.NaN);
        Optional<MeasuredStep> atSlo = valid.stream()
                .filter(s -> meetsSlo(s, slo) == SloVerdict.MET)
                .max(Comparator.comparingDouble(MeasuredStep::throughputRps));
        return new Capacity(atSlo, knee(valid, max), max, valid.size());
    }

    /**
     * The knee: the first step (by load) whose throughput is within {@link #PLATEAU_BAND} of the
     * maximum, provided a later step carried more load without buying more throughput. Beyond it,
     * extra load only queues: throughput stays flat while latency climbs (the response-time law
     * R = N/X − Z for closed systems; Denning and Buzen, 1978). Without a later step the plateau is
     * unproven, so there is no knee.
     */
    static Optional<MeasuredStep> knee(List<MeasuredStep> validByLoad, double maxThroughputRps) {
        for (int i = 0; i < validByLoad.size(); i++) {
            MeasuredStep s = validByLoad.get(i);
            if (s.throughputRps() >= (1 - PLATEAU_BAND) * maxThroughputRps) {
                return i < validByLoad.size() - 1 ? Optional.of(s) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    public enum SloVerdict {
        MET,
        MISSED,
        /** The step lacks a figure the SLO names. */
        UNKNOWN
    }

    public static SloVerdict meetsSlo(MeasuredStep s, SizingRequest.SloTarget slo) {
        List<SloVerdict> parts = new ArrayList<>();
        parts.add(part(s.latencyP95Seconds(), slo.p95Seconds()));
        parts.add(part(s.latencyP99Seconds(), slo.p99Seconds()));
        parts.add(part(s.errorRatio(), slo.maxErrorRatio()));
        if (parts.contains(SloVerdict.MISSED)) return SloVerdict.MISSED;
        if (parts.contains(SloVerdict.UNKNOWN)) return SloVerdict.UNKNOWN;
        return SloVerdict.MET;
    }

    private static SloVerdict part(double measured, double limit) {
        if (Double.isNaN(limit)) return SloVerdict.MET;
        if (Double.isNaN(measured)) return SloVerdict.UNKNOWN;
        return measured <= limit ? SloVerdict.MET : SloVerdict.MISSED;
    }
}
