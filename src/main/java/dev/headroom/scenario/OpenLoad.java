package dev.headroom.scenario;

import java.util.Optional;

/**
 * Open model: arrivals at a fixed rate whatever the service does, as real traffic arrives. Step k
 * offers {@code startRps + (k - 1) * stepRps} requests per second.
 *
 * <p>The warm-up is timed (Gatling's injection profile: a ramp to {@code warmupRps} over {@code
 * warmupS}), or, with {@code settledWarmup} present ({@code warmup: settled}), the search's
 * warm-up: it ends when the service is steady, at most {@code warmupS} (the settled warm-up's
 * maximum), and the steps then run on the search's arrival schedule, each planned when the one
 * before it has ended (latency from each request's intended time, as in a search).
 */
public record OpenLoad(
        double warmupRps,
        double warmupS,
        double startRps,
        double stepRps,
        int steps,
        double stepDurationS,
        double rampS,
        Optional<SettledWarmup> settledWarmup)
        implements LoadShape {
    /** A staircase with a timed warm-up. */
    public OpenLoad(
            double warmupRps,
            double warmupS,
            double startRps,
            double stepRps,
            int steps,
            double stepDurationS,
            double rampS) {
        this(warmupRps, warmupS, startRps, stepRps, steps, stepDurationS, rampS, Optional.empty());
    }

    /** A staircase whose warm-up ends when the service is steady ({@code warmup: settled}). */
    public static OpenLoad settled(
            SettledWarmup warmup, double startRps, double stepRps, int steps, double stepDurationS, double rampS) {
        return new OpenLoad(
                warmup.rps(), warmup.maxS(), startRps, stepRps, steps, stepDurationS, rampS, Optional.of(warmup));
    }

    @Override
    public LoadModel model() {
        return LoadModel.OPEN;
    }

    public OpenLoad {
        Checks.positive("warmupRps", warmupRps);
        Checks.nonNegative("warmupS", warmupS);
        Checks.positive("startRps", startRps);
        Checks.nonNegative("stepRps", stepRps);
        Checks.positive("steps", steps);
        Checks.positive("stepDurationS", stepDurationS);
        Checks.nonNegative("rampS", rampS);
        if (settledWarmup == null) throw new IllegalArgumentException("settledWarmup must be given (or empty)");
        settledWarmup.ifPresent(w -> {
            // one owner per figure: the settled warm-up's rate and bound are the staircase's
            if (w.rps() != warmupRps || w.maxS() != warmupS)
                throw new IllegalArgumentException("a settled warm-up's rps and maxS must be warmupRps and warmupS");
        });
    }

    /**
     * The most this load offers: its top step or its warm-up's rate. Steps never fall (stepRps is
     * not negative), so the top step is the last.
     */
    public double highestRps() {
        return Math.max(warmupRps, offeredAt(steps));
    }

    @Override
    public double offeredAt(int step) {
        return startRps + (step - 1) * stepRps;
    }
}
