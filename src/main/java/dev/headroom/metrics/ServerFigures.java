package dev.headroom.metrics;

import java.util.List;
import java.util.Optional;

/**
 * Server-side figures of one step's steady window. NaN where a figure could not be measured (an
 * external database, a target without a metrics endpoint): never guessed.
 *
 * @param appCpuProcCores the service's CPU from /proc alone, kept beside the chosen figure as a cross-check
 * @param appMemoryMibMax the service's largest resident memory (RSS) in the step, from /proc
 * @param serverRps requests the service itself counted ({@code http.server.requests}), per second
 * @param appCpuSource where {@code appCpuCores} came from: {@code actuator} (Micrometer's {@code
 *     process.cpu.time} read by Headroom's own scrape of the actuator), {@code prometheus} (the same
 *     meter, through PromQL queries to a Prometheus server), {@code proc} (/proc, when neither could
 *     give it: the scrapes failed under saturation, or the query returned nothing) or {@code none}
 * @param metricsSource where the Micrometer figures (CPU, pool, Tomcat, GC, heap, the service's own
 *     request count and latency) came from: {@code direct} (Headroom's own scrape) or {@code prometheus}.
 *     The /proc figures (memory, database, injector, host) are always Headroom's own.
 * @param notes why a figure is missing or was taken from elsewhere; empty when nothing is to be said
 * @param crossCheck with Prometheus as the source, the figures Headroom's own scrape gave for the
 *     same window, beside Prometheus's
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
        int scrapesFailed,
        String metricsSource,
        List<String> notes,
        Optional<CrossCheck> crossCheck) {

    public ServerFigures {
        notes = List.copyOf(notes);
    }
}
