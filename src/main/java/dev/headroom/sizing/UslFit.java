package dev.headroom.sizing;

/** STUB, replaced by the real fit from the `usl` branch. */
public final class UslFit {
    private UslFit() {}

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
