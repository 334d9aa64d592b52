package dev.headroom.sizing;

/** STUB, replaced by the real fit from the `usl` branch. */
public final class UslFit {
    private UslFit() {}

    public static final int MIN_POINTS = 6;

    public static Result fit(double[] concurrency, double[] throughput) {
        throw new UnsupportedOperationException("stub");
    }

    public record Result(
            Usl model,
            int points,
            double rSquared,
            double rmse,
            double minConcurrency,
            double maxConcurrency,
            boolean sigmaClamped,
            boolean kappaClamped) {
        public boolean isExtrapolation(double n) {
            return n < minConcurrency || n > maxConcurrency;
        }
    }
}
