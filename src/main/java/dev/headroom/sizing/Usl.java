package dev.headroom.sizing;

/** STUB, replaced by the real model from the `usl` branch. */
public record Usl(double sigma, double kappa, double lambda) {
    public double throughputAtConcurrency(double n) {
        return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }

    public double peakConcurrency() {
        return kappa == 0 ? Double.POSITIVE_INFINITY : Math.sqrt((1 - sigma) / kappa);
    }

    public double maxThroughput() {
        return kappa == 0 ? lambda / sigma : throughputAtConcurrency(peakConcurrency());
    }
}
