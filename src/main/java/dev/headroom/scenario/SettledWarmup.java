package dev.headroom.scenario;

/**
 * A warm-up that ends when the service is measured to be steady, not after a fixed time
 * (docs/search.md, "Settled warm-up"): from an eighth of {@code rps}, doubling while the service
 * has room, in windows of {@code windowS}, until the JIT's share of the CPU is small and CPU per
 * request agrees block to block, or {@code maxS} has passed (then it "never settled", a finding).
 * A search always warms up this way; an open staircase does with {@code warmup: settled}.
 *
 * @param rps the warm-up's highest arrival rate (req/s)
 * @param windowS the detector's window (s); it compares the last two windows with the two before
 * @param maxS the warm-up's maximum (s), every window and pause counted
 */
public record SettledWarmup(double rps, double windowS, double maxS) {
    /**
     * The detector's window by default, s: long enough for a few thousand requests at the search's
     * warm-up rate, so block-to-block CPU per request is not sampling noise (docs/search.md).
     */
    public static final int DEFAULT_WINDOW_S = 15;

    /** The warm-up's bound by default, s; past it the warm-up "never settled". */
    public static final int DEFAULT_MAX_S = 240;

    /**
     * The longest it can take: its first ramp (one window, up to its starting rate; SearchDriver's
     * warm-up) and its maximum.
     */
    public double boundS() {
        return windowS + maxS;
    }

    public SettledWarmup {
        Checks.positive("warmupRps", rps);
        Checks.positive("warmupWindowS", windowS);
        Checks.positive("warmupMaxS", maxS);
    }
}
