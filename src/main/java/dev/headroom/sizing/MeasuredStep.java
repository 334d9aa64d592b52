package dev.headroom.sizing;

/**
 * One load step as the sizer sees it, in the model's canonical units: requests per second, seconds
 * and CPU cores. {@code NaN} means "not measured": a figure another tool's steps.csv did not carry
 * (only throughput and one of concurrency or offered load are required). A decision that needs a
 * figure every step lacks is reported as not evaluated, never guessed.
 *
 * @param concurrency requests in flight (Little's law L = X·W), or users in a closed model
 * @param connHoldSeconds mean time a request holds a pool connection (HikariCP's usage timer)
 * @param poolMax the pool's maximum size during the step (HikariCP's hikaricp.connections.max)
 * @param requestThreadsBusyAvg request threads busy on average (Tomcat's tomcat.threads.busy)
 * @param gcPauseSecondsPerSecond the share of wall time the JVM spent in GC pauses
 * @param hostIdleCores CPU cores left idle on the test host: near 0, the host itself was the limit
 * @param valid false when the load generator or the host could not deliver the step
 */
public record MeasuredStep(
        int step,
        double concurrency,
        double offeredRps,
        double throughputRps,
        double latencyMeanSeconds,
        double latencyP95Seconds,
        double latencyP99Seconds,
        double errorRatio,
        double appCpuCores,
        double dbCpuCores,
        double poolActiveAvg,
        double poolPendingAvg,
        double connAcquireSeconds,
        double connHoldSeconds,
        double appMemoryMib,
        double poolMax,
        double requestThreadsBusyAvg,
        double gcPauseSecondsPerSecond,
        double hostIdleCores,
        boolean valid,
        String invalidReason) {

    public MeasuredStep {
        if (!(throughputRps >= 0) || Double.isInfinite(throughputRps))
            throw new IllegalArgumentException("step " + step + ": throughput_rps must be a finite number >= 0");
        if (Double.isNaN(concurrency) && Double.isNaN(offeredRps))
            throw new IllegalArgumentException("step " + step + ": needs concurrency or offered_rps");
        for (double v : new double[] {
            concurrency,
            offeredRps,
            latencyMeanSeconds,
            latencyP95Seconds,
            latencyP99Seconds,
            errorRatio,
            appCpuCores,
            dbCpuCores,
            poolActiveAvg,
            poolPendingAvg,
            connAcquireSeconds,
            connHoldSeconds,
            appMemoryMib,
            poolMax,
            requestThreadsBusyAvg,
            gcPauseSecondsPerSecond,
            hostIdleCores
        }) {
            if (v < 0 || Double.isInfinite(v))
                throw new IllegalArgumentException("step " + step + ": figures must be finite and >= 0");
        }
        if (gcPauseSecondsPerSecond > 1)
            throw new IllegalArgumentException("step " + step + ": GC pauses cannot exceed the wall time");
        if (errorRatio > 1) throw new IllegalArgumentException("step " + step + ": error_ratio must be <= 1");
        invalidReason = invalidReason == null ? "" : invalidReason;
    }

    /** The load axis: concurrency when known (closed model, or Little's law), else the offered rate. */
    public double load() {
        return Double.isNaN(concurrency) ? offeredRps : concurrency;
    }

    public static boolean measured(double v) {
        return !Double.isNaN(v);
    }
}
