package dev.headroom.sizing;

/** Builds measured steps for tests of pure logic: only the figures a test names are measured. */
final class Steps {
    private Steps() {}

    static MeasuredStep closed(int step, double users, double rps) {
        return of(step, users, rps, Double.NaN, Double.NaN, true);
    }

    static MeasuredStep of(int step, double concurrency, double rps, double p95Ms, double appCpu, boolean valid) {
        return new MeasuredStep(
                step,
                concurrency,
                Double.NaN,
                rps,
                Double.NaN,
                p95Ms / 1000,
                Double.NaN,
                0,
                appCpu,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                valid,
                valid ? "" : "injector sent too little");
    }

    /** A step with throughput and p95 only: no error ratio, as some tools' tables have none. */
    static MeasuredStep p95Only(int step, double concurrency, double rps, double p95Ms) {
        return new MeasuredStep(
                step,
                concurrency,
                Double.NaN,
                rps,
                Double.NaN,
                p95Ms / 1000,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                true,
                "");
    }
}
