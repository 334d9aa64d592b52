package dev.headroom.metrics;

/**
 * One reading of the service, database and injector, taken every sampling interval. Cumulative
 * figures (CPU seconds, timer sums and counts) become rates over a step; gauges are averaged.
 * A figure that could not be read is NaN.
 *
 * @param atNanos when it was taken, on the run's {@link NanoClock}
 * @param scrapeDue whether this sample asked the service's Prometheus endpoint at all ({@link
 *     ServerSampler}: not every sample does while a Prometheus scrapes the same meters)
 * @param scrapeOk whether the service's Prometheus endpoint answered
 * @param dbReadS the database's cumulative time in the service's reads ({@link StatementTimes})
 * @param dbWriteS the database's cumulative time in the service's writes
 * @param probeOps operations of {@link HostSpeedProbe}'s mix run so far, on the sampler's thread
 * @param probeCpuS the sampler thread's CPU seconds in those operations; NaN when not measurable
 * @param cfsPeriods the service's cgroup's CFS periods so far ({@link CfsThrottling}); NaN without one
 * @param cfsThrottledPeriods those in which it ran out of its quota
 * @param cfsThrottledS how long it was stopped for that, in seconds
 */
public record ServerSample(
        long atNanos,
        boolean scrapeDue,
        boolean scrapeOk,
        double appCpuScrapeS,
        double appCpuProcS,
        double appResidentBytes,
        double dbCpuProcS,
        double injectorCpuS,
        double hostBusyS,
        double hostTotalS,
        double poolActive,
        double poolIdle,
        double poolPending,
        double poolMax,
        double acquireSumS,
        double acquireCount,
        double usageSumS,
        double usageCount,
        double poolTimeouts,
        double tomcatBusyThreads,
        double gcPauseSumS,
        double heapUsedBytes,
        double httpServerSumS,
        double httpServerCount,
        double dbReadS,
        double dbWriteS,
        double jitCompileMs,
        double probeOps,
        double probeCpuS,
        double cfsPeriods,
        double cfsThrottledPeriods,
        double cfsThrottledS) {}
