package dev.headroom.load.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a capacity search found.
 *
 * @param capacityRps the highest offered rate whose full-length trials passed, at most half of them failing: the
 *     capacity at the SLO, or its lower bound for {@link SearchStatus#CEILING_REACHED}, {@link
 *     SearchStatus#HOST_BOUND} and {@link SearchStatus#BUDGET_EXHAUSTED}; when a budget cut the search
 *     short before any full-length trial held, the highest short pass below every rate where more than
 *     half of them failed, unconfirmed; NaN when no such pass exists
 * @param lowestFailingRps the lowest rate above the capacity that failed and stands failed (a retest
 *     that passed clears a short fail; a trial the host limited twice counts; NaN when none): the
 *     capacity is below it
 * @param boundaryThroughputsRps the throughputs measured in the full-length trials at capacityRps
 * @param intervalLowRps the lower end of the 95 % interval: the smaller of capacityRps and the
 *     lower Student-t bound of the mean boundary throughput; NaN with fewer than 2 full-length trials
 * @param intervalHighRps the upper end: lowestFailingRps (the capacity lies below a rate that failed)
 * @param trialSeconds the summed measured seconds of all trials
 */
public record SearchResult(
        SearchStatus status,
        double capacityRps,
        double lowestFailingRps,
        List<Double> boundaryThroughputsRps,
        double intervalLowRps,
        double intervalHighRps,
        List<TrialOutcome> trials,
        double trialSeconds) {

    public SearchResult {
        boundaryThroughputsRps = List.copyOf(boundaryThroughputsRps);
        trials = List.copyOf(trials);
    }

    /**
     * run.json's {@code search} object: the answer, its bracket and interval, the trial count and
     * the settings that produced it. NaN figures are written as null (the results.Json convention).
     */
    public Map<String, Object> runJson(SearchSettings settings) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("start_rps", settings.startRps());
        s.put("min_rps", settings.minRps());
        s.put("max_rps", settings.maxRps());
        s.put("growth_factor", settings.growthFactor());
        s.put("precision", settings.precision());
        s.put("short_trial_s", settings.shortTrialS());
        s.put("full_trial_s", settings.fullTrialS());
        s.put("repeats", settings.repeats());
        s.put("max_trials", settings.maxTrials());
        s.put("max_search_s", settings.maxSearchS());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.jsonName());
        m.put("capacity_rps", capacityRps);
        m.put("lowest_failing_rps", lowestFailingRps);
        m.put("relative_width", relativeWidth());
        m.put("interval_low_rps", intervalLowRps);
        m.put("interval_high_rps", intervalHighRps);
        m.put("boundary_throughputs_rps", boundaryThroughputsRps);
        m.put("trials", trials.size());
        m.put("trial_seconds", trialSeconds);
        m.put("settings", s);
        return m;
    }

    /** The bracket's relative width (hi - lo) / hi; NaN without both ends. */
    public double relativeWidth() {
        return (lowestFailingRps - capacityRps) / lowestFailingRps;
    }
}
