package dev.headroom.scenario;

/**
 * Gatling-style assertions of a scenario: limits the run's measured steps must keep, or the run
 * fails (status {@code assertions_failed}, a non-zero exit of {@code mvn gatling:test}), so a single
 * run can gate a build without a baseline. Unlike Gatling's global assertions they read only the
 * measured steps, never the warm-up or the ramps. NaN: not asserted.
 *
 * @param referenceLoad offered req/s (users) where the per-request limits are read; NaN: the middle step
 * @param maxP95Ms p95 of successful requests at the reference load
 * @param maxP99Ms p99 at the reference load
 * @param maxErrorRatio at every valid step up to and including the reference load
 * @param minCapacityAtSloRps the highest throughput of a valid step meeting the SLO
 * @param maxCpuMsPerRequest the service's CPU per request at the reference load
 */
public record Assertions(
        double referenceLoad,
        double maxP95Ms,
        double maxP99Ms,
        double maxErrorRatio,
        double minCapacityAtSloRps,
        double maxCpuMsPerRequest) {

    public static Assertions none() {
        return new Assertions(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public boolean any() {
        return !Double.isNaN(maxP95Ms)
                || !Double.isNaN(maxP99Ms)
                || !Double.isNaN(maxErrorRatio)
                || !Double.isNaN(minCapacityAtSloRps)
                || !Double.isNaN(maxCpuMsPerRequest);
    }
}
