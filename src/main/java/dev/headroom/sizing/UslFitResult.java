package dev.headroom.sizing;

import java.util.Objects;

/**
 * A USL fitted to measured points, with what a reader needs to judge it.
 *
 * @param model the fitted σ, κ, λ
 * @param points how many measured points the fit used
 * @param rSquared coefficient of determination, 1 − RSS/TSS, of the throughput (NaN when every
 *     point has the same throughput, so there is no variance to explain)
 * @param throughputRmse root mean square of the throughput residuals, in the throughput's unit
 * @param sigmaClamped whether σ was held at its bound 0 because the free fit wanted it negative
 * @param kappaClamped whether κ was held at its bound 0 because the free fit wanted it negative
 * @param measuredConcurrencyMin the lowest measured concurrency
 * @param measuredConcurrencyMax the highest measured concurrency
 */
public record UslFitResult(
        Usl model,
        int points,
        double rSquared,
        double throughputRmse,
        boolean sigmaClamped,
        boolean kappaClamped,
        double measuredConcurrencyMin,
        double measuredConcurrencyMax) {

    public UslFitResult {
        Objects.requireNonNull(model, "model");
        if (points < UslFit.MIN_POINTS) {
            throw new IllegalArgumentException("points must be >= " + UslFit.MIN_POINTS + ", was " + points);
        }
        if (rSquared > 1) throw new IllegalArgumentException("rSquared must be <= 1, was " + rSquared);
        if (!(throughputRmse >= 0) || Double.isInfinite(throughputRmse)) {
            throw new IllegalArgumentException("throughputRmse must be finite and >= 0, was " + throughputRmse);
        }
        if (!(measuredConcurrencyMin > 0 && measuredConcurrencyMin <= measuredConcurrencyMax)
                || Double.isInfinite(measuredConcurrencyMax)) {
            throw new IllegalArgumentException("measured concurrency range must satisfy 0 < min <= max < inf, was ["
                    + measuredConcurrencyMin + ", " + measuredConcurrencyMax + "]");
        }
    }

    /** Below this R², the fit explains too little of the throughput to quote its peak or draw it as a curve. */
    public static final double POOR_FIT_R_SQUARED = 0.8;

    /** Whether the fit is good enough to draw as a curve and quote its peak (R² >= 0.8; NaN is not). */
    public boolean drawable() {
        return rSquared >= POOR_FIT_R_SQUARED;
    }

    /** Whether a prediction at this concurrency lies outside the measured range. */
    public boolean isExtrapolation(double concurrency) {
        return concurrency < measuredConcurrencyMin || concurrency > measuredConcurrencyMax;
    }
}
