package dev.headroom.compare;

/**
 * One headline figure in two runs.
 *
 * @param candidateAdjusted the candidate's figure as it would read on the baseline's host speed
 *     (only CPU per request is scaled, and only when the calibration moved beyond its noise)
 * @param relativeChange (adjusted candidate − baseline) / baseline
 * @param noiseCv the figure's run-to-run coefficient of variation; NaN when unknown
 * @param t the change over the noise of a difference of two runs, √2·cv (see {@link Significance})
 * @param confidence how sure the change is beyond noise, 1 − p; NaN when the noise is unknown
 * @param limit the gate's limit, as a fraction; NaN when the figure is not gated
 */
public record FigureChange(
        Figure figure,
        double baseline,
        double candidate,
        double candidateAdjusted,
        double relativeChange,
        double noiseCv,
        int noiseRuns,
        double t,
        double confidence,
        Change change,
        double limit,
        boolean failsGate) {

    /** The move the bad way, as a positive fraction (a drop for capacity, a rise for latency). */
    public double worsening() {
        return figure.higherIsBetter() ? -relativeChange : relativeChange;
    }

    /** Whether it moved the bad way beyond its limit without being judged (noise unknown). */
    public boolean beyondLimitUnjudged() {
        return change == Change.UNJUDGED && !Double.isNaN(limit) && worsening() > limit;
    }

    /**
     * The smallest move the bad way that can fail this figure: its limit, or, when its noise alone
     * moves it further, the change that is {@code level} sure beyond that noise (t_crit · √2 · cv,
     * Student's t with runs − 1 degrees of freedom). NaN when not gated or the noise is unknown.
     */
    public double effectiveLimit(double level) {
        if (Double.isNaN(limit) || Double.isNaN(noiseCv) || noiseRuns < 2) return limit;
        return Math.max(limit, Significance.smallestSure(noiseCv, noiseRuns, level));
    }

    /** Whether this figure can be judged against its noise: both runs have it and its noise is known. */
    static boolean judgeable(Figure f, double base, double cand, Noise noise) {
        return !Double.isNaN(base)
                && !Double.isNaN(cand)
                && base > 0
                && noise.of(f.key()).isPresent();
    }

    /**
     * @param level the confidence this one figure must reach ({@link Significance#perJudgement})
     */
    static FigureChange of(Figure f, double base, double cand, double adjusted, Noise noise, Gate gate, double level) {
        double limit = gate.limits().getOrDefault(f, Double.NaN);
        if (Double.isNaN(base) || Double.isNaN(cand) || !(base > 0))
            return new FigureChange(
                    f,
                    base,
                    cand,
                    adjusted,
                    Double.NaN,
                    Double.NaN,
                    0,
                    Double.NaN,
                    Double.NaN,
                    Change.NOT_MEASURED,
                    limit,
                    false);
        double rel = (adjusted - base) / base;
        double worse = f.higherIsBetter() ? -rel : rel;
        boolean beyondLimit = !Double.isNaN(limit) && worse > limit;
        var n = noise.of(f.key());
        if (Math.abs(adjusted - base) < f.resolution() && Math.min(base, adjusted) < f.resolution())
            return new FigureChange(
                    f,
                    base,
                    cand,
                    adjusted,
                    rel,
                    n.map(Noise.FigureNoise::cv).orElse(Double.NaN),
                    n.map(Noise.FigureNoise::runs).orElse(0),
                    Double.NaN,
                    Double.NaN,
                    Change.WITHIN_RESOLUTION,
                    limit,
                    false);
        if (n.isEmpty()) {
            // Without its noise, a move beyond the limit may be the figure's usual spread (the hold
            // time moved 21-26 % between two runs of one build): reported, never a verdict on its own.
            return new FigureChange(
                    f, base, cand, adjusted, rel, Double.NaN, 0, Double.NaN, Double.NaN, Change.UNJUDGED, limit, false);
        }
        double cv = n.get().cv();
        double t = Significance.t(rel, cv);
        double sure = Significance.confidence(rel, cv, n.get().runs());
        Change c = sure < level ? Change.NOISE : worse > 0 ? Change.WORSE : Change.BETTER;
        return new FigureChange(
                f, base, cand, adjusted, rel, cv, n.get().runs(), t, sure, c, limit, c == Change.WORSE && beyondLimit);
    }
}
