package dev.headroom.load.warmup;

/**
 * When a warm-up counts as settled. See docs/search.md, "Settled warm-up", for the measurement
 * behind each default.
 *
 * @param windowsPerBlock sampling windows averaged into one block; two consecutive blocks are compared
 * @param tolerance the largest relative change of the block means (CPU per request, or latency)
 *     that still counts as settled
 * @param jitShareMax the largest share of the service's CPU the JIT compiler may take in the last block
 * @param maxS the longest warm-up, seconds; past it the warm-up ends as never settled
 */
public record WarmupSettings(int windowsPerBlock, double tolerance, double jitShareMax, double maxS) {

    /**
     * Two 15 s windows a block, 10 % tolerance, JIT at most 10 % of the CPU, 240 s at most. On the
     * README's measured series (bench/jit-settling.sh) this ends at 170 s, one block after the CPU
     * levelled off (140 s by eye), and not at 68-85 s where the fall paused (0.443, 0.421 cores).
     */
    public static final WarmupSettings DEFAULTS = new WarmupSettings(2, 0.10, 0.10, 240);

    public WarmupSettings {
        if (windowsPerBlock < 1) throw new IllegalArgumentException("windowsPerBlock must be >= 1");
        if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("tolerance must be in (0, 1)");
        if (!(jitShareMax > 0 && jitShareMax < 1)) throw new IllegalArgumentException("jitShareMax must be in (0, 1)");
        if (!(maxS > 0) || Double.isInfinite(maxS)) throw new IllegalArgumentException("maxS must be > 0 s");
    }
}
