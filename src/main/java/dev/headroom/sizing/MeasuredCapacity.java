package dev.headroom.sizing;

import java.util.List;
import java.util.Optional;

/** The capacity decision: what the steps themselves say, before any model. */
final class MeasuredCapacity {
    private MeasuredCapacity() {}

    private static String unmeasured(SizingRequest.SloTarget slo, SizingRequest.SloTarget measured) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (!Double.isNaN(slo.meanSeconds()) && Double.isNaN(measured.meanSeconds())) parts.add("latency_mean_ms");
        if (!Double.isNaN(slo.p95Seconds()) && Double.isNaN(measured.p95Seconds())) parts.add("latency_p95_ms");
        if (!Double.isNaN(slo.p99Seconds()) && Double.isNaN(measured.p99Seconds())) parts.add("latency_p99_ms");
        if (!Double.isNaN(slo.maxErrorRatio()) && Double.isNaN(measured.maxErrorRatio())) parts.add("error_ratio");
        return String.join(", ", parts);
    }

    static Capacity decide(
            List<MeasuredStep> steps, SizingRequest request, Optional<SearchEnd> searchEnd, SizingLog log) {
        SizingRequest.SloTarget slo = request.slo();
        Capacity c = CapacityAnalysis.analyze(steps, slo, searchEnd);
        List<MeasuredStep> invalid = steps.stream().filter(s -> !s.valid()).toList();
        if (!invalid.isEmpty()) {
            log.find(Finding.warning(
                    FindingCode.INJECTOR_SATURATED,
                    invalid.size() + " of " + steps.size() + " steps were invalid and left out (step "
                            + invalid.get(0).step() + ": "
                            + (invalid.get(0).invalidReason().isEmpty()
                                    ? "marked invalid"
                                    : invalid.get(0).invalidReason())
                            + "); the load generator or host, not the service, limited them"));
        }
        SizingRequest.SloTarget measured = CapacityAnalysis.measuredParts(steps, slo);
        boolean sloUnknownEverywhere = measured.isEmpty();
        if (!slo.isEmpty() && !measured.equals(slo) && !measured.isEmpty()) {
            log.find(Finding.warning(
                    FindingCode.INPUT_NOT_MEASURED,
                    "the SLO names figures no step measured, left out of it: " + unmeasured(slo, measured)));
        }
        Decision.Builder d = Decision.named("capacity")
                .input("valid_steps", c.validSteps())
                .input("slo_mean_ms", slo.meanSeconds() * 1000)
                .input("slo_p95_ms", slo.p95Seconds() * 1000)
                .input("slo_p99_ms", slo.p99Seconds() * 1000)
                .input("slo_error_ratio", slo.maxErrorRatio())
                .input("plateau_band", CapacityAnalysis.PLATEAU_BAND)
                .formula("capacity at SLO = max throughput over valid steps meeting every SLO part; knee = first step"
                        + " (by load) within the plateau band of the max throughput, with a later step beyond it")
                .result("capacity_at_slo_rps", c.capacityAtSloRps())
                .result(
                        "concurrency_at_slo",
                        c.atSlo().map(MeasuredStep::concurrency).orElse(Double.NaN))
                .result("knee_concurrency", c.kneeConcurrency())
                .result("knee_throughput_rps", c.kneeThroughputRps())
                .result("max_throughput_rps", c.maxThroughputRps());
        if (c.validSteps() == 0) {
            log.decide(Decision.notEvaluated("capacity", "no valid step"));
            log.find(Finding.error(FindingCode.SLO_NOT_MET_AT_ANY_STEP, "no valid step: nothing was measured"));
            return c;
        }
        StringBuilder why = new StringBuilder();
        if (sloUnknownEverywhere) {
            String what = slo.isEmpty()
                    ? "no SLO was given (not in the request, and no run.json with the scenario's)"
                    : "the steps carry none of the figures the SLO names (" + unmeasured(slo, measured) + ")";
            why.append("Capacity at the SLO is not evaluated: ").append(what).append(". ");
            log.find(Finding.warning(FindingCode.INPUT_NOT_MEASURED, what + "; capacity at SLO not evaluated"));
        } else if (c.atSlo().isEmpty()) {
            why.append("No valid step met the SLO. ");
            log.find(Finding.error(
                    FindingCode.SLO_NOT_MET_AT_ANY_STEP,
                    "no valid step met the SLO (p95 " + SizingLog.f1(slo.p95Seconds() * 1000) + " ms, p99 "
                            + SizingLog.f1(slo.p99Seconds() * 1000) + " ms, errors "
                            + SizingLog.pct(slo.maxErrorRatio()) + "); even the lightest load was too much"));
        } else if (c.search().isEmpty()) {
            why.append(String.format(
                    "Step %d carried %.1f req/s within the SLO, the most of any valid step. ",
                    c.atSlo().get().step(), c.capacityAtSloRps()));
        }
        if (c.search().isPresent()) {
            SearchCapacity s = c.search().get();
            d.input("search_status", s.recordedEnd().map(SearchEnd::jsonName).orElse("not recorded"))
                    .result("search_capacity_offered_rps", s.capacityOfferedRps())
                    .result("search_full_length_trials", s.fullLengthTrials())
                    .result("search_lowest_failing_rps", s.lowestFailingRps())
                    .result("search_interval_low_rps", s.intervalLowRps())
                    .result("search_interval_high_rps", s.intervalHighRps())
                    .result("search_lower_bound", s.lowerBound());
            why.append(SearchReasoning.because(c, s));
            SearchReasoning.findings(c, s, log);
            log.decide(d.formula("search: capacity = the highest offered rate at which every full-length trial"
                            + " (confirm, repeat, full-length bisect) passed (valid, every SLO part met,"
                            + " throughput >= 95 % of the offered rate), below the lowest full-length"
                            + " failure; a short pass above it does not count. Without a full-length pass:"
                            + " the highest short pass below every rate that stands failed (more than half"
                            + " of its trials failed, its full-length ones deciding; a passed retest clears"
                            + " a short fail), unconfirmed. Interval [min(capacity,"
                            + " mean - t(0.975, n-1) s / sqrt n), lowest failing rate)")
                    .because(why.toString().strip()));
            return c;
        }
        if (c.knee().isPresent()) {
            why.append(String.format(
                    "Throughput reached its plateau at step %d (%.1f req/s at concurrency %s): past it, more load"
                            + " bought less than %.1f %% more throughput. ",
                    c.knee().get().step(),
                    c.kneeThroughputRps(),
                    SizingLog.f1(c.kneeConcurrency()),
                    CapacityAnalysis.PLATEAU_BAND * 100));
        } else if (c.saturationReached()) {
            why.append("No step kept up with its offered rate within the SLO's latency: the lightest step was"
                    + " already past the knee. ");
        } else {
            why.append("Throughput still rose at the highest valid step: the test did not reach saturation. ");
            log.find(Finding.warning(
                    FindingCode.SATURATION_NOT_REACHED,
                    String.format(
                            "throughput still rose at the highest valid step (%.1f req/s): raise the load to find"
                                    + " the knee; the max throughput is a lower bound",
                            c.maxThroughputRps())));
        }
        log.decide(d.because(why.toString().strip()));
        return c;
    }
}
