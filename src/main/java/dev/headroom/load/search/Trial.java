package dev.headroom.load.search;

import dev.headroom.scenario.SearchPhase;

/**
 * One trial the search asks the run to make: hold {@code offeredRps} for {@code durationS} seconds
 * of measurement (after the run's own ramp), then report a {@link TrialOutcome}.
 *
 * @param number 1-based, the trial's row in steps.csv (its {@code step})
 */
public record Trial(int number, SearchPhase phase, double offeredRps, double durationS) {
    public Trial {
        if (number < 1) throw new IllegalArgumentException("trial number must be >= 1, got " + number);
        if (phase == null || phase == SearchPhase.STEP)
            throw new IllegalArgumentException("a search trial has a search phase, got " + phase);
        if (!(offeredRps > 0) || Double.isInfinite(offeredRps))
            throw new IllegalArgumentException("offered rate must be > 0 req/s, got " + offeredRps);
        if (!(durationS > 0) || Double.isInfinite(durationS))
            throw new IllegalArgumentException("trial duration must be > 0 s, got " + durationS);
    }
}
