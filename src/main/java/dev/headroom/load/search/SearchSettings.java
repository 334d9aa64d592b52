package dev.headroom.load.search;

/**
 * The parameters of a capacity search; build with {@link #between(double, double)} and the
 * {@code with...} methods, so no two rates can be swapped by position.
 *
 * @param startRps the first trial's rate
 * @param minRps the lowest rate worth trying: a fail at or below it ends the search
 * @param maxRps the highest rate the search may offer (for example what the host can drive)
 * @param growthFactor the probe's multiplier (2: doubling, as Nighthawk's exponential search)
 * @param precision the bracket's relative width (hi - lo) / hi at which bisection stops, MLRsearch's
 *     "relative width goal" (draft-ietf-bmwg-mlrsearch); 0.05 = 5 %
 * @param shortTrialS the probe and bisection trials' measured seconds
 * @param fullTrialS the confirmation and repeat trials' measured seconds
 * @param repeats full-length trials at the confirmed rate beyond the confirmation, for the interval
 * @param maxTrials a hard bound on the trial count
 * @param maxSearchS a hard bound on the summed trial durations, seconds (ramps excluded)
 */
public record SearchSettings(
        double startRps,
        double minRps,
        double maxRps,
        double growthFactor,
        double precision,
        double shortTrialS,
        double fullTrialS,
        int repeats,
        int maxTrials,
        double maxSearchS) {

    public SearchSettings {
        positive("startRps", startRps);
        positive("minRps", minRps);
        positive("maxRps", maxRps);
        if (minRps > startRps || startRps > maxRps)
            throw new IllegalArgumentException(
                    "need minRps <= startRps <= maxRps, got " + minRps + ", " + startRps + ", " + maxRps);
        if (!(growthFactor > 1) || Double.isInfinite(growthFactor))
            throw new IllegalArgumentException("growthFactor must be > 1, got " + growthFactor);
        if (!(precision > 0 && precision < 1))
            throw new IllegalArgumentException("precision must be in (0, 1), got " + precision);
        positive("shortTrialS", shortTrialS);
        positive("fullTrialS", fullTrialS);
        if (shortTrialS > fullTrialS) throw new IllegalArgumentException("shortTrialS must be <= fullTrialS");
        if (repeats < 0) throw new IllegalArgumentException("repeats must be >= 0, got " + repeats);
        if (maxTrials < 1) throw new IllegalArgumentException("maxTrials must be >= 1, got " + maxTrials);
        positive("maxSearchS", maxSearchS);
    }

    /**
     * A search from {@code startRps} up to at most {@code maxRps}, with the defaults of
     * docs/search.md: doubling, 5 % precision, 10 s short and 30 s full trials, 2 repeats (3
     * full-length trials at the answer), at most 20 trials and 600 s of trials, floor startRps / 16.
     */
    public static SearchSettings between(double startRps, double maxRps) {
        return new SearchSettings(startRps, startRps / 16, maxRps, 2, 0.05, 10, 30, 2, 20, 600);
    }

    public SearchSettings withMinRps(double v) {
        return new SearchSettings(
                startRps, v, maxRps, growthFactor, precision, shortTrialS, fullTrialS, repeats, maxTrials, maxSearchS);
    }

    public SearchSettings withPrecision(double v) {
        return new SearchSettings(
                startRps, minRps, maxRps, growthFactor, v, shortTrialS, fullTrialS, repeats, maxTrials, maxSearchS);
    }

    public SearchSettings withTrialSeconds(double shortS, double fullS) {
        return new SearchSettings(
                startRps, minRps, maxRps, growthFactor, precision, shortS, fullS, repeats, maxTrials, maxSearchS);
    }

    public SearchSettings withRepeats(int v) {
        return new SearchSettings(
                startRps, minRps, maxRps, growthFactor, precision, shortTrialS, fullTrialS, v, maxTrials, maxSearchS);
    }

    public SearchSettings withBudget(int trials, double seconds) {
        return new SearchSettings(
                startRps, minRps, maxRps, growthFactor, precision, shortTrialS, fullTrialS, repeats, trials, seconds);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v))
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
    }
}
