package dev.headroom.compare;

/**
 * One step in two runs: its throughput and p95, each judged against the pooled per-step noise.
 * Reported, never gated: the gate reads the headline figures, which already sum the steps up.
 */
public record StepChange(
        int step,
        double offered,
        double baselineThroughputRps,
        double candidateThroughputRps,
        Change throughput,
        double baselineP95Ms,
        double candidateP95Ms,
        Change p95,
        boolean valid) {

    static Change judge(double base, double cand, boolean higherIsBetter, Noise noise, String key, double confidence) {
        if (Double.isNaN(base) || Double.isNaN(cand) || !(base > 0)) return Change.NOT_MEASURED;
        var n = noise.of(key);
        if (n.isEmpty()) return Change.UNJUDGED;
        double rel = (cand - base) / base;
        if (Significance.confidence(rel, n.get().cv(), n.get().runs()) < confidence) return Change.NOISE;
        return (rel > 0) == higherIsBetter ? Change.BETTER : Change.WORSE;
    }
}
