package dev.headroom.load.warmup;

import dev.headroom.sizing.CapacityAnalysis;

/**
 * What one sampling window of the warm-up measured at a fixed arrival rate. NaN means not measured
 * (a target without JVM metrics has no compilation time; one without a process to read, no CPU).
 *
 * @param durationS the window's wall time
 * @param offeredRps the warm-up's arrival rate in the window
 * @param throughputRps completed requests per second
 * @param appCpuCores the service's CPU, cores
 * @param jitCompileMs the increase of {@code jvm_compilation_time_ms_total} over the window, ms
 * @param latencyMeanS mean latency from the intended send time, seconds
 */
public record WarmupWindow(
        double durationS,
        double offeredRps,
        double throughputRps,
        double appCpuCores,
        double jitCompileMs,
        double latencyMeanS) {

    public WarmupWindow {
        if (!(durationS > 0) || Double.isInfinite(durationS))
            throw new IllegalArgumentException("a window lasts > 0 s, got " + durationS);
        if (!(offeredRps > 0) || Double.isInfinite(offeredRps))
            throw new IllegalArgumentException("a warm-up window offers > 0 req/s, got " + offeredRps);
        for (double v : new double[] {throughputRps, appCpuCores, jitCompileMs, latencyMeanS})
            if (v < 0 || Double.isInfinite(v))
                throw new IllegalArgumentException("window figures are NaN (not measured) or finite >= 0, got " + v);
    }

    /** Completed at least {@link CapacityAnalysis#KEPT_UP} of the offered rate: not queueing. */
    public boolean keptUp() {
        return throughputRps >= CapacityAnalysis.KEPT_UP * offeredRps;
    }

    /** CPU seconds per request, D = U / X (the utilization law); NaN without CPU or throughput. */
    double cpuSecondsPerRequest() {
        return throughputRps > 0 ? appCpuCores / throughputRps : Double.NaN;
    }

    /** CPU milliseconds the service used in the window. */
    double cpuMs() {
        return appCpuCores * durationS * 1000;
    }
}
