package dev.headroom.scenario;

/** The service level objective a step must meet: latency percentiles of successful requests and errors. */
public record Slo(double p95Ms, double p99Ms, double errorRatio) {
    public Slo {
        Checks.positive("p95Ms", p95Ms);
        Checks.positive("p99Ms", p99Ms);
        Checks.ratio("errorRatio", errorRatio);
        if (p99Ms < p95Ms) throw new IllegalArgumentException("p99Ms must be >= p95Ms");
    }
}
