package dev.headroom.sizing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The capacity at the SLO of a capacity search, read off its trials. The rows are in trial order,
 * and a short trial can pass just above the boundary where a full-length one builds a queue and
 * fails (docs/search.md, "confirm"), so the answer rests on full-length trials only: the highest
 * offered rate whose full-length trials passed, at most half of them failing (the search's goal
 * exceed ratio), below the lowest rate where more failed. A short pass above that does not count.
 *
 * @param capacityOfferedRps that rate (NaN when no trial passed); without a full-length pass, the
 *     highest short pass below every rate that stands failed (more than half of its trials failed,
 *     its full-length ones deciding where it has any: a retest that passed clears a short fail),
 *     {@link #confirmed} false
 * @param confirmed the capacity rests on full-length trials
 * @param fullLengthTrials the full-length trials at the capacity
 * @param boundaryThroughputsRps their throughputs, in trial order
 * @param lowestFailingRps the lowest offered rate above the capacity that stands failed (more than
 *     half of its valid trials failed, its full-length ones deciding where it has any): the capacity
 *     lies below it; NaN when none does
 * @param intervalLowRps the lower end of the 95 % interval, {@code min(capacity, mean - t s / sqrt n)}
 *     over the boundary throughputs (as the search computes it); NaN with fewer than 2 of them
 * @param hostLimitedAbove a trial above the capacity was invalid: the host or the injector, not the
 *     service, limited it
 * @param hostBound the lowest failing rate failed only in trials the host limited (one made again and
 *     limited again): the host, not the service, bounds the capacity, as the search's {@code
 *     host_bound} says; no knee is read there
 * @param recordedEnd how run.json says the search ended; empty without run.json
 */
public record SearchCapacity(
        double capacityOfferedRps,
        boolean confirmed,
        int fullLengthTrials,
        List<Double> boundaryThroughputsRps,
        double lowestFailingRps,
        double intervalLowRps,
        boolean hostLimitedAbove,
        boolean hostBound,
        Optional<SearchEnd> recordedEnd) {

    public SearchCapacity {
        boundaryThroughputsRps = List.copyOf(boundaryThroughputsRps);
        recordedEnd = recordedEnd == null ? Optional.empty() : recordedEnd;
    }

    /** The upper end of the interval: the capacity lies below a rate that failed. */
    public double intervalHighRps() {
        return lowestFailingRps;
    }

    /**
     * Whether the capacity is only a lower bound: run.json says the search did not end {@code found};
     * without run.json, whether the trials lack a full-length pass or a failure of the service above
     * it (a bound only the host's limited trials set is not one).
     */
    public boolean lowerBound() {
        return recordedEnd
                .map(e -> e != SearchEnd.FOUND)
                .orElse(!confirmed || Double.isNaN(lowestFailingRps) || hostBound);
    }

    /** The search showed the service past its capacity: a failure above it (or everywhere). */
    public boolean saturationReached() {
        return recordedEnd
                .map(e -> e == SearchEnd.FOUND || e == SearchEnd.FAILED_AT_FLOOR)
                .orElse(!Double.isNaN(lowestFailingRps) && !hostBound);
    }

    /**
     * The capacity, the trial its throughput is read at (the full-length trial at it that carried
     * the least: the capacity reported is the worst of them), the trials at it and the bracket.
     *
     * @param validByOffered the valid trials, ordered by offered rate
     * @param all every trial, valid or not
     * @param passed a trial's verdict: within the SLO and kept up
     */
    static Analysis analyze(
            List<MeasuredStep> validByOffered,
            List<MeasuredStep> all,
            Predicate<MeasuredStep> passed,
            Optional<SearchEnd> recordedEnd) {
        // A trial the host limited says nothing of the service, and the search makes it once more;
        // limited again, it bounds the search as a fail does (the host cannot drive that rate), so it
        // is judged here as a failed trial of its rate and length, as the search counts it.
        List<MeasuredStep> judgedSteps = java.util.stream.Stream.concat(
                        validByOffered.stream(), limitedAgain(all).stream())
                .sorted(Comparator.comparingDouble(MeasuredStep::offeredRps))
                .toList();
        Predicate<MeasuredStep> verdict = s -> s.valid() && passed.test(s);
        List<MeasuredStep> full = judgedSteps.stream()
                .filter(s -> s.role() == StepRole.FULL_TRIAL)
                .toList();
        // the search's own rule (load.search.CapacitySearch): a rate holds at full length while at
        // most half of its full-length trials failed (MLRsearch's goal exceed ratio, 0.5)
        Predicate<Double> holds =
                r -> !mostFailed(full.stream().filter(s -> s.offeredRps() == r).toList(), verdict);
        double fullFail = full.stream()
                .map(MeasuredStep::offeredRps)
                .filter(holds.negate())
                .mapToDouble(Double::doubleValue)
                .min()
                .orElse(Double.POSITIVE_INFINITY);
        Optional<Double> confirmedAt = full.stream()
                .map(MeasuredStep::offeredRps)
                .filter(r -> r < fullFail)
                .filter(holds)
                .max(Double::compare);
        // A rate stands failed when more than half of its full-length trials failed, or, with none at
        // full length, more than half of its short ones. The search retests a short fail made on a JIT
        // still compiling (load.search.CapacitySearch, "retest"), and a retest that passes clears it:
        // the search goes on above that rate. Measured (2026-12-07, quick): a probe failed at 630
        // req/s on 0.82 ms of CPU a request, its retest passed on 0.63, the search climbed to 882 and
        // answered 882; read as "below every failure", the sizer answered 591 req/s.
        Predicate<Double> standsFailed = r -> {
            List<MeasuredStep> at =
                    judgedSteps.stream().filter(s -> s.offeredRps() == r).toList();
            boolean anyFull = at.stream().anyMatch(s -> s.role() == StepRole.FULL_TRIAL);
            return mostFailed(
                    anyFull
                            ? at.stream()
                                    .filter(s -> s.role() == StepRole.FULL_TRIAL)
                                    .toList()
                            : at,
                    verdict);
        };
        double[] failedRates = judgedSteps.stream()
                .filter(verdict.negate())
                .mapToDouble(MeasuredStep::offeredRps)
                .distinct()
                .filter(standsFailed::test)
                .toArray();
        List<MeasuredStep> atCapacity;
        double capacity;
        if (confirmedAt.isPresent()) {
            capacity = confirmedAt.get();
            atCapacity = full.stream()
                    .filter(s -> s.offeredRps() == capacity && verdict.test(s))
                    .toList();
        } else {
            // no full-length pass (a search cut short): the highest short pass below every rate that
            // stands failed, reported as unconfirmed
            double anyFail = java.util.Arrays.stream(failedRates).min().orElse(Double.POSITIVE_INFINITY);
            capacity = validByOffered.stream()
                    .filter(passed)
                    .mapToDouble(MeasuredStep::offeredRps)
                    .filter(r -> r < anyFail)
                    .max()
                    .orElse(Double.NaN);
            atCapacity = validByOffered.stream()
                    .filter(s -> s.offeredRps() == capacity && passed.test(s))
                    .toList();
        }
        double lowestFailing = java.util.Arrays.stream(failedRates)
                .filter(r -> Double.isNaN(capacity) || r > capacity)
                .min()
                .orElse(Double.NaN);
        List<Double> boundary = confirmedAt.isPresent()
                ? atCapacity.stream().map(MeasuredStep::throughputRps).toList()
                : List.of();
        // the bound is the host's when no valid trial failed there, only limited ones (as the
        // search's hiFromHost): the service's knee was not reached
        boolean hostBound = !Double.isNaN(lowestFailing)
                && judgedSteps.stream()
                        .filter(s -> s.offeredRps() == lowestFailing && !verdict.test(s))
                        .noneMatch(MeasuredStep::valid);
        boolean hostAbove =
                all.stream().filter(s -> !s.valid()).anyMatch(s -> Double.isNaN(capacity) || s.offeredRps() > capacity);
        SearchCapacity answer = new SearchCapacity(
                capacity,
                confirmedAt.isPresent(),
                boundary.size(),
                boundary,
                lowestFailing,
                intervalLow(capacity, boundary),
                hostAbove,
                hostBound,
                recordedEnd);
        Optional<MeasuredStep> at = atCapacity.stream().min(Comparator.comparingDouble(MeasuredStep::throughputRps));
        return new Analysis(answer, at, atCapacity);
    }

    /** More than half of {@code trials} failed: past the goal exceed ratio, 0.5. */
    private static boolean mostFailed(List<MeasuredStep> trials, Predicate<MeasuredStep> verdict) {
        long fails = trials.stream().filter(verdict.negate()).count();
        return 2 * fails > trials.size();
    }

    /**
     * The trials the host limited after an earlier trial of the same rate, length and phase had been
     * limited too: the search made that one again (load.search.CapacitySearch), and this is it.
     */
    private static List<MeasuredStep> limitedAgain(List<MeasuredStep> all) {
        List<MeasuredStep> invalid = all.stream()
                .filter(s -> !s.valid() && (s.role() == StepRole.SHORT_TRIAL || s.role() == StepRole.FULL_TRIAL))
                .sorted(Comparator.comparingInt(MeasuredStep::step))
                .toList();
        List<MeasuredStep> again = new java.util.ArrayList<>();
        for (int i = 0; i < invalid.size(); i++) {
            MeasuredStep later = invalid.get(i);
            boolean before = invalid.subList(0, i).stream()
                    .anyMatch(e -> e.offeredRps() == later.offeredRps()
                            && e.role() == later.role()
                            && java.util.Objects.equals(e.phase(), later.phase()));
            if (before) again.add(later);
        }
        return again;
    }

    /**
     * @param atSlo the trial at the capacity that carried the least: the capacity's throughput
     * @param operatingSteps every passing trial at the capacity (full-length when confirmed): the
     *     operating point the service's CPU is read over ({@link Capacity#operatingSteps})
     */
    record Analysis(SearchCapacity answer, Optional<MeasuredStep> atSlo, List<MeasuredStep> operatingSteps) {}

    /**
     * {@code min(capacity, mean - t(0.975, n-1) s / sqrt(n))}: the lower end of the two-sided 95 %
     * Student-t interval of the boundary throughputs, as load.search.CapacitySearch computes it, so
     * run.json and sizing.json agree when they judge the trials alike.
     */
    static double intervalLow(double capacityRps, List<Double> throughputsRps) {
        int n = throughputsRps.size();
        if (n < 2 || Double.isNaN(capacityRps)) return Double.NaN;
        double mean = throughputsRps.stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElseThrow();
        double ss = throughputsRps.stream()
                .mapToDouble(x -> (x - mean) * (x - mean))
                .sum();
        double s = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        return Math.min(capacityRps, mean - t * s / Math.sqrt(n));
    }
}
