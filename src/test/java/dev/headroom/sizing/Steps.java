package dev.headroom.sizing;

/** Builds measured steps for tests of pure logic: only the figures a test names are measured. */
final class Steps {
    private Steps() {}

    static MeasuredStep closed(int step, double users, double rps) {
        return of(step, users, rps, Double.NaN, Double.NaN, true);
    }

    /** A step with an error ratio of 0, its p95 and the service's CPU. */
    static MeasuredStep of(int step, double concurrency, double rps, double p95Ms, double appCpu, boolean valid) {
        return step(step, concurrency, rps, p95Ms, 0, appCpu, valid);
    }

    /** A step with throughput and p95 only: no error ratio, as some tools' tables have none. */
    static MeasuredStep p95Only(int step, double concurrency, double rps, double p95Ms) {
        return step(step, concurrency, rps, p95Ms, Double.NaN, Double.NaN, true);
    }

    private static MeasuredStep step(
            int step, double concurrency, double rps, double p95Ms, double errorRatio, double appCpu, boolean valid) {
        double nm = Double.NaN;
        return new MeasuredStep(
                step,
                concurrency,
                nm,
                rps,
                nm,
                p95Ms / 1000,
                nm,
                errorRatio,
                appCpu,
                nm,
                nm,
                nm,
                nm,
                nm,
                nm,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                valid,
                valid ? "" : "injector sent too little");
    }
}
