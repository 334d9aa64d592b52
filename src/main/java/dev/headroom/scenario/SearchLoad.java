package dev.headroom.scenario;

import java.util.List;
import java.util.Optional;

/**
 * An open-model capacity search (docs/search.md): a warm-up at {@code warmupRps} until the service
 * is measured to be steady (at most {@code warmupMaxS}), then trials planned one at a time: probe
 * upward from {@code startRps}, bisect to {@code precision}, confirm and repeat at full length.
 * Arrivals follow one schedule shared by a pool of users, so latency runs from the intended send
 * time. Nothing of the timeline is known before the run: {@link #plan()} is empty.
 *
 * @param warmupRps the warm-up's highest rate: it starts at an eighth of it and rises while the
 *     service has room (docs/search.md, "Settled warm-up")
 * @param warmupWindowS the warm-up's measuring window (the detector compares blocks of two)
 * @param warmupMaxS the warm-up's maximum; past it the warm-up "never settled" (a finding)
 * @param startRps the first trial's rate; NaN: the rate the warm-up ended at
 * @param maxRps the highest rate the search may offer
 * @param precision the bracket's relative width at which bisection stops (0.05 = 5 %)
 * @param shortTrialS the probe and bisection trials' measured seconds
 * @param fullTrialS the confirmation and repeat trials' measured seconds
 * @param repeats full-length trials at the answer beyond the confirmation
 * @param maxTrials a hard bound on the trials
 * @param maxSearchS a hard bound on the trials' summed measured seconds
 * @param rampS the unmeasured settling time at each trial's rate before its window
 */
public record SearchLoad(
        double warmupRps,
        double warmupWindowS,
        double warmupMaxS,
        double startRps,
        double maxRps,
        double precision,
        double shortTrialS,
        double fullTrialS,
        int repeats,
        int maxTrials,
        double maxSearchS,
        double rampS)
        implements LoadShape {

    // The defaults of a search, for a scenario file's model: search (LoadReader) and for settings
    // built in code (HeadroomSettings.Builder.search) alike; docs/search.md says why each is what it is.
    /** The warm-up's highest rate, req/s. */
    public static final double DEFAULT_WARMUP_RPS = 200;
    /** The highest rate a search may offer, req/s. */
    public static final double DEFAULT_MAX_RPS = 5000;
    /** The bracket's relative width at which bisection stops. */
    public static final double DEFAULT_PRECISION = 0.05;
    /** A probe's or bisection's measured seconds. */
    public static final int DEFAULT_SHORT_TRIAL_S = 10;
    /** A confirmation's or repeat's measured seconds. */
    public static final int DEFAULT_FULL_TRIAL_S = 30;
    /** Full-length trials at the answer beyond the confirmation. */
    public static final int DEFAULT_REPEATS = 2;
    /** A hard bound on the trials. */
    public static final int DEFAULT_MAX_TRIALS = 20;
    /** A hard bound on the trials' summed measured seconds. */
    public static final int DEFAULT_MAX_SEARCH_S = 600;
    /** The unmeasured settling time at each trial's rate, s. */
    public static final int DEFAULT_RAMP_S = 2;

    public SearchLoad {
        Checks.positive("warmupRps", warmupRps);
        Checks.positive("warmupWindowS", warmupWindowS);
        Checks.positive("warmupMaxS", warmupMaxS);
        if (!Double.isNaN(startRps)) Checks.positive("startRps", startRps);
        Checks.positive("maxRps", maxRps);
        if (startRps > maxRps) throw new IllegalArgumentException("startRps must be <= maxRps");
        if (warmupRps > maxRps) throw new IllegalArgumentException("warmupRps must be <= maxRps");
        if (!(precision > 0 && precision < 1)) throw new IllegalArgumentException("precision must be in (0, 1)");
        Checks.positive("shortTrialS", shortTrialS);
        Checks.positive("fullTrialS", fullTrialS);
        if (shortTrialS > fullTrialS) throw new IllegalArgumentException("shortTrialS must be <= fullTrialS");
        Checks.nonNegative("repeats", repeats);
        Checks.positive("maxTrials", maxTrials);
        Checks.positive("maxSearchS", maxSearchS);
        Checks.nonNegative("rampS", rampS);
    }

    @Override
    public LoadModel model() {
        return LoadModel.OPEN;
    }

    @Override
    public double warmupS() {
        return warmupMaxS;
    }

    /** At most this many trials. */
    @Override
    public int steps() {
        return maxTrials;
    }

    /** The full-length trial's window, the longest a trial measures. */
    @Override
    public double stepDurationS() {
        return fullTrialS;
    }

    /** Not known before the run: the search chooses each trial's rate from the ones before. */
    @Override
    public double offeredAt(int step) {
        return Double.NaN;
    }

    @Override
    public Optional<SettledWarmup> settledWarmup() {
        return Optional.of(new SettledWarmup(warmupRps, warmupWindowS, warmupMaxS));
    }

    @Override
    public List<StepPlan> plan() {
        return List.of();
    }

    /**
     * An upper bound on the load's length: the warm-up's first ramp (a window) and maximum, every trial's ramp, the
     * trials' budget, and per trial the time a failed one may take to drain ({@code drainS}).
     */
    public double maxDurationS(double drainS) {
        // the warm-up's first ramp is one of its windows (SearchDriver.warmUp), not a trial's ramp
        return warmupBoundS() + maxSearchS + maxTrials * (rampS + drainS);
    }

    @Override
    public double totalDurationS() {
        return maxDurationS(0);
    }
}
