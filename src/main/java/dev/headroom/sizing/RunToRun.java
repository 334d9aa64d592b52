package dev.headroom.sizing;

import java.util.Locale;
import java.util.Optional;

/**
 * How far runs of one build on one host spread in capacity at the SLO, beside one run's answer. A
 * search's 95 % interval is of its own trials, within one launch of the service's JVM, and launches
 * differ: five default runs on the 2-core AMD EPYC here found 629 to 889 req/s, each with an
 * interval of 3-5 % (docs/search.md, "Measured"). A plan read off one run's interval alone would
 * trust it too far. The spread is the one {@code headroom compare} judges changes against
 * (compare/NoiseSources#runToRun reads it). It is applied as a share of the runs' mean: a noise
 * file holds no budget, and a run at another CPU budget than its runs finds another capacity, but
 * launches of one service spread alike.
 *
 * @param scenario the run's scenario, for the command that measures the spread
 * @param capacity the spread of capacity at the SLO over runs of one build; empty when none is known
 * @param whyUnknown why the spread could not be read (a broken noise file); empty otherwise
 */
public record RunToRun(String scenario, Optional<Spread> capacity, String whyUnknown) {

    /**
     * @param runs how many runs
     * @param host the host they ran on (CPU model and count)
     * @param source where the figures come from: the noise file, or the runs in a results folder
     * @param cv the coefficient of variation: sample standard deviation over mean
     */
    public record Spread(
            int runs, String host, String source, double meanRps, double minRps, double maxRps, double cv) {
        /** How far below the mean the lowest run was, as a share of the mean. */
        double below() {
            return 1 - minRps / meanRps;
        }

        /** How far above the mean the highest run was, as a share of the mean. */
        double above() {
            return maxRps / meanRps - 1;
        }
    }

    public RunToRun {
        capacity = capacity == null ? Optional.empty() : capacity;
        whyUnknown = whyUnknown == null ? "" : whyUnknown;
    }

    /**
     * The finding for a run whose capacity at the SLO is {@code capacityRps}. With the spread known:
     * a warning when the runs' range is wider than this search's own interval (the interval
     * understates how far another run could land), else a note. Without it: a note on a search
     * with an interval, which a reader would otherwise take for the whole uncertainty.
     */
    public Optional<Finding> finding(double capacityRps, Optional<SearchCapacity> search) {
        if (Double.isNaN(capacityRps)) return Optional.empty();
        Optional<SearchCapacity> interval = search.filter(
                s -> !s.lowerBound() && !Double.isNaN(s.intervalLowRps()) && !Double.isNaN(s.intervalHighRps()));
        if (capacity.isEmpty()) {
            return interval.map(s -> Finding.info(
                    FindingCode.CAPACITY_SPREAD_ACROSS_RUNS,
                    String.format(
                                    Locale.ROOT,
                                    "the 95 %% interval (%.0f to below %.0f req/s) is of this run's trials, within one"
                                            + " launch of the service; launches differ (the JIT, the host), and no"
                                            + " spread across runs is known for scenario %s here: bench/noise.sh %s 3"
                                            + " measures it",
                                    s.intervalLowRps(),
                                    s.intervalHighRps(),
                                    scenario,
                                    scenario)
                            + (whyUnknown.isBlank() ? "" : " (" + whyUnknown + ")")));
        }
        Spread n = capacity.get();
        double low = capacityRps * (1 - n.below());
        double high = capacityRps * (1 + n.above());
        String text = String.format(
                Locale.ROOT,
                "capacity at the SLO across %d runs of one build on %s (%s): %.0f to %.0f req/s, %.1f %% below"
                        + " to %.1f %% above their mean, coefficient of variation %.0f %%; applied to this run's"
                        + " %.0f req/s: %.0f to %.0f",
                n.runs(),
                n.host(),
                n.source(),
                n.minRps(),
                n.maxRps(),
                n.below() * 100,
                n.above() * 100,
                n.cv() * 100,
                capacityRps,
                low,
                high);
        if (interval.isEmpty()) return Optional.of(Finding.info(FindingCode.CAPACITY_SPREAD_ACROSS_RUNS, text));
        SearchCapacity s = interval.get();
        // shares, not rates: the runs may be at another budget than this one
        boolean wider =
                (n.maxRps() - n.minRps()) / n.meanRps() > (s.intervalHighRps() - s.intervalLowRps()) / capacityRps;
        String more = String.format(
                Locale.ROOT,
                "; its 95 %% interval (%.0f to below %.0f req/s) is of its own trials, within one launch of the"
                        + " service%s",
                s.intervalLowRps(),
                s.intervalHighRps(),
                wider ? ", narrower than the runs' range: size on the range, or on several runs" : "");
        return Optional.of(
                wider
                        ? Finding.warning(FindingCode.CAPACITY_SPREAD_ACROSS_RUNS, text + more)
                        : Finding.info(FindingCode.CAPACITY_SPREAD_ACROSS_RUNS, text + more));
    }
}
