package dev.headroom.metrics;

/**
 * Server-side figures of one step's steady window. NaN where a figure could not be measured (an
 * external database, a target without a metrics endpoint): never guessed.
 *
 * @param appCpuProcCores the service's CPU from /proc alone, kept beside the chosen figure as a cross-check
 * @param appMemoryMibMax the service's largest resident memory (RSS) in the step, from /proc
 * @param serverRps requests the service itself counted ({@code http.server.requests}), per second
 * @param appCpuSource where {@code appCpuCores} came from: {@code prometheus}
 *     ({@code process.cpu.time}), {@code proc} (/proc, when the scrapes failed) or {@code none}
 */
public record ServerFigures(
        double appCpuCores,
        String appCpuSource,
        double appCpuProcCores,
        double dbCpuCores,
        double poolActiveAvg,
        double poolIdleAvg,
        double poolPendingAvg,
        double poolMax,
        double connAcquireMsAvg,
        double connUsageMsAvg,
        double poolTimeouts,
        double tomcatBusyThreadsAvg,
        double gcPauseMsPerS,
        double heapUsedMbAvg,
        double appMemoryMibMax,
        double serverLatencyMsAvg,
        double serverRps,
        double injectorCpuCores,
        double hostBusyCores,
        double hostIdleCores,
        int samples,
        int scrapesFailed) {}
