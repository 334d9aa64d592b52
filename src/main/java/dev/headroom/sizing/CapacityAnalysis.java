package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Capacity at the SLO, the knee and the saturation point, read off the measured steps. */
public final class CapacityAnalysis {
    /**
     * How close to the highest throughput a step must be to sit on the plateau: steps within this
     * band of the maximum bought almost nothing for the extra load. A choice, not a measurement: it
     * is the widest band that keeps the users' breakpoint table's 400 users (820 of 860 req/s,
     * 4.7 % short) off the plateau and the narrowest that puts 500 users on it for every value of
     * its published 840-870 req/s (840 is 2.3 % short); {@code CapacityAnalysisTest} holds both.
     */
    public static final double PLATEAU_BAND = 0.025;

    /**
     * An open-model step kept up when it carried at least this share of its offered rate (the same
     * 95 % below which the lab calls the injector, not the service, the limit) within the SLO's
     * latency: a step that delivers its rate two seconds late is queueing, not keeping up.
     */
    public static final double KEPT_UP = 0.95;

    private CapacityAnalysis() {}

    /**
     * The valid steps, ordered by load: the offered rate when every step has one (an open model,
     * whose in-flight concurrency explodes past saturation), else the concurrency.
     */
    public static List<MeasuredStep> validByLoad(List<MeasuredStep> steps) {
        List<MeasuredStep> valid = steps.stream().filter(MeasuredStep::valid).toList();
        return valid.stream()
                .sorted(Comparator.comparingDouble(open(valid) ? MeasuredStep::offeredRps : MeasuredStep::load))
                .toList();
    }

    /** An open model: every one of {@code valid} has an offered rate (none of an empty list). */
    static boolean open(List<MeasuredStep> valid) {
        return !valid.isEmpty() && valid.stream().allMatch(s -> MeasuredStep.measured(s.offeredRps()));
    }

    /** The latency parts of {@code slo}: what the knee of an open model is judged on. */
    static SizingRequest.SloTarget latencyOnly(SizingRequest.SloTarget slo) {
        return new SizingRequest.SloTarget(slo.meanSeconds(), slo.p95Seconds(), slo.p99Seconds(), Double.NaN);
    }

    public static Capacity analyze(List<MeasuredStep> steps, SizingRequest.SloTarget slo) {
        return analyze(steps, slo, Optional.empty());
    }

    /**
     * @param searchEnd how the run's capacity search ended (run.json), when the steps are its trials
     */
    public static Capacity analyze(
            List<MeasuredStep> steps, SizingRequest.SloTarget slo, Optional<SearchEnd> searchEnd) {
        List<MeasuredStep> valid = validByLoad(steps);
        double max =
                valid.stream().mapToDouble(MeasuredStep::throughputRps).max().orElse(Double.NaN);
        SizingRequest.SloTarget measured = measuredParts(steps, slo);
        // Without an SLO there is no "within": the highest step may be far past the knee.
        Optional<MeasuredStep> atSlo = measured.isEmpty()
                ? Optional.empty()
                : valid.stream()
                        .filter(s -> meetsSlo(s, measured) == SloVerdict.MET)
                        .max(Comparator.comparingDouble(MeasuredStep::throughputRps));
        boolean open = open(valid);
        if (open && StepRole.anySearchTrial(steps)) return search(steps, valid, max, measured, searchEnd);
        if (open) {
            Optional<MeasuredStep> knee = openKnee(valid, measured);
            // Saturated: a knee, or the heaviest step itself fell behind (every step did). A light
            // step that missed its latency while a heavier one kept up (a JIT still compiling) is not.
            MeasuredStep heaviest = valid.stream()
                    .max(Comparator.comparingDouble(MeasuredStep::offeredRps))
                    .orElseThrow();
            boolean saturated = knee.isPresent() || !keptUp(heaviest, measured);
            return new Capacity(atSlo, knee, max, valid.size(), saturated);
        }
        Optional<MeasuredStep> knee = knee(valid, max);
        return new Capacity(atSlo, knee, max, valid.size(), knee.isPresent());
    }

    /**
     * A search's trials: capacity from the full-length trials ({@link SearchCapacity}); the knee is
     * the trial the capacity is read at, when a trial above it failed (the search's bracket is the
     * plateau's proof, as a later step is a staircase's). Without an SLO a trial passes when it kept
     * up, but there is no capacity "at the SLO", as for a staircase.
     */
    private static Capacity search(
            List<MeasuredStep> all,
            List<MeasuredStep> validByOffered,
            double max,
            SizingRequest.SloTarget measured,
            Optional<SearchEnd> searchEnd) {
        java.util.function.Predicate<MeasuredStep> passed = s -> passedTrial(s, measured);
        SearchCapacity.Analysis a = SearchCapacity.analyze(validByOffered, all, passed, searchEnd);
        // no knee where nothing failed above, or only the host did (the service's knee lies further up)
        Optional<MeasuredStep> knee =
                Double.isNaN(a.answer().lowestFailingRps()) || a.answer().hostBound() ? Optional.empty() : a.atSlo();
        return new Capacity(
                measured.isEmpty() ? Optional.empty() : a.atSlo(),
                knee,
                max,
                validByOffered.size(),
                a.answer().saturationReached(),
                Optional.of(a.answer()),
                a.operatingSteps());
    }

    /**
     * In an open model (a fixed arrival rate per step) the knee is the last step that kept up with
     * its offered rate: past it, more arrivals only queue. Its in-flight concurrency is still a
     * steady state, unlike the steps past it, whose queues grow for as long as the step lasts.
     */
    static Optional<MeasuredStep> openKnee(List<MeasuredStep> validByOffered, SizingRequest.SloTarget slo) {
        List<MeasuredStep> byOffered = validByOffered.stream()
                .sorted(Comparator.comparingDouble(MeasuredStep::offeredRps))
                .toList();
        for (int i = byOffered.size() - 1; i >= 0; i--) {
            if (keptUp(byOffered.get(i), slo)) {
                return i < byOffered.size() - 1 ? Optional.of(byOffered.get(i)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The rate was delivered, and within every latency part of {@code slo} the step measured. */
    static boolean keptUp(MeasuredStep s, SizingRequest.SloTarget slo) {
        return delivered(s) && meetsSlo(s, latencyOnly(slo)) != SloVerdict.MISSED;
    }

    /**
     * A search trial's verdict, the search's own (load.search.TrialOutcome): it carried its offered
     * rate and met every part of the SLO the steps measured ({@link #measuredParts}); without an SLO,
     * carried alone.
     */
    static boolean passedTrial(MeasuredStep s, SizingRequest.SloTarget measured) {
        return delivered(s) && (measured.isEmpty() || meetsSlo(s, measured) == SloVerdict.MET);
    }

    /** The step carried its offered rate, late or not: in steady state, for the USL. */
    static boolean delivered(MeasuredStep s) {
        return s.throughputRps() >= KEPT_UP * s.offeredRps();
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

    /**
     * The parts of the SLO that the steps measured at all: a part no step carries (another tool's
     * steps.csv without an error column, say) cannot be judged, so it is left out (and the capacity
     * decision names it) rather than making every step unknown.
     */
    public static SizingRequest.SloTarget measuredParts(List<MeasuredStep> steps, SizingRequest.SloTarget slo) {
        return new SizingRequest.SloTarget(
                any(steps, MeasuredStep::latencyMeanSeconds) ? slo.meanSeconds() : Double.NaN,
                any(steps, MeasuredStep::latencyP95Seconds) ? slo.p95Seconds() : Double.NaN,
                any(steps, MeasuredStep::latencyP99Seconds) ? slo.p99Seconds() : Double.NaN,
                any(steps, MeasuredStep::errorRatio) ? slo.maxErrorRatio() : Double.NaN);
    }

    private static boolean any(List<MeasuredStep> steps, java.util.function.ToDoubleFunction<MeasuredStep> f) {
        return steps.stream().anyMatch(s -> MeasuredStep.measured(f.applyAsDouble(s)));
    }

    public enum SloVerdict {
        MET,
        MISSED,
        /** The step lacks a figure the SLO names. */
        UNKNOWN
    }

    public static SloVerdict meetsSlo(MeasuredStep s, SizingRequest.SloTarget slo) {
        return verdict(s.latencyMeanSeconds(), s.latencyP95Seconds(), s.latencyP99Seconds(), s.errorRatio(), slo);
    }

    /**
     * Headroom's one SLO rule, for the sizer's capacity at the SLO and for the {@code slo_met} the
     * run writes per step: every part the SLO sets must be measured and within its limit, the limit
     * itself included ({@code <=}); a part the SLO leaves out (NaN) is not judged; a part it sets but
     * the step did not measure (NaN, such as the percentiles of a step with no successful request)
     * makes the step {@link SloVerdict#UNKNOWN}, never met.
     */
    public static SloVerdict verdict(
            double meanSeconds, double p95Seconds, double p99Seconds, double errorRatio, SizingRequest.SloTarget slo) {
        List<SloVerdict> parts = new ArrayList<>();
        parts.add(part(meanSeconds, slo.meanSeconds()));
        parts.add(part(p95Seconds, slo.p95Seconds()));
        parts.add(part(p99Seconds, slo.p99Seconds()));
        parts.add(part(errorRatio, slo.maxErrorRatio()));
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
