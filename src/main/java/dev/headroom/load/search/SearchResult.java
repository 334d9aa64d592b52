package dev.headroom.load.search;

import java.util.List;

/**
 * What a capacity search found.
 *
 * @param capacityRps the highest offered rate that passed every full-length trial at it (NaN when
 *     none did): the capacity at the SLO, or its lower bound for {@link SearchStatus#CEILING_REACHED}
 *     and {@link SearchStatus#HOST_BOUND}
 * @param lowestFailingRps the lowest rate that failed (NaN when none did): the capacity is below it
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

    /** The bracket's relative width (hi - lo) / hi; NaN without both ends. */
    public double relativeWidth() {
        return (lowestFailingRps - capacityRps) / lowestFailingRps;
    }
}
