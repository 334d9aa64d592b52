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
 * @param dbReadMsPerS the database's time in the service's reads (SELECT), summed over concurrent
 *     statements, per second of the window, from performance_schema ({@link StatementTimes})
 * @param dbWriteMsPerS the same for its writes (INSERT, UPDATE, DELETE, REPLACE, locking reads)
 * @param hostSpeedOpsPerCpuS operations of {@link HostSpeedProbe}'s fixed mix per CPU-second, over the
 *     window's readings: the host's speed while the step ran (a lower figure, a slower host: CPU per
 *     request rises with it though the service did not change)
 * @param cpuThrottledShare the share of the service's CFS periods in the window in which it used its
 *     whole quota and was stopped until the next ({@link CfsThrottling}); NaN without a quota's cgroup
 * @param cpuThrottledMsPerS how long it was stopped for that, per second of the window, summed over
 *     the CPUs whose run queues held its threads (up to cores x 1000)
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
        double dbReadMsPerS,
        double dbWriteMsPerS,
        double hostSpeedOpsPerCpuS,
        double cpuThrottledShare,
        double cpuThrottledMsPerS,
        int samples,
        int scrapesFailed,
        String metricsSource,
        List<String> notes,
        Optional<CrossCheck> crossCheck) {

    public ServerFigures {
        notes = List.copyOf(notes);
    }

    /**
     * Figures built by name, so that none of the twenty numbers can trade places with its
     * neighbour: a figure not set is not measured (NaN), a count 0, and no notes or cross-check.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ServerFigures} field by field. */
    public static final class Builder {
        private double appCpuCores = Double.NaN;
        private String appCpuSource = null;
        private double appCpuProcCores = Double.NaN;
        private double dbCpuCores = Double.NaN;
        private double poolActiveAvg = Double.NaN;
        private double poolIdleAvg = Double.NaN;
        private double poolPendingAvg = Double.NaN;
        private double poolMax = Double.NaN;
        private double connAcquireMsAvg = Double.NaN;
        private double connUsageMsAvg = Double.NaN;
        private double poolTimeouts = Double.NaN;
        private double tomcatBusyThreadsAvg = Double.NaN;
        private double gcPauseMsPerS = Double.NaN;
        private double heapUsedMbAvg = Double.NaN;
        private double appMemoryMibMax = Double.NaN;
        private double serverLatencyMsAvg = Double.NaN;
        private double serverRps = Double.NaN;
        private double injectorCpuCores = Double.NaN;
        private double hostBusyCores = Double.NaN;
        private double hostIdleCores = Double.NaN;
        private double dbReadMsPerS = Double.NaN;
        private double dbWriteMsPerS = Double.NaN;
        private double hostSpeedOpsPerCpuS = Double.NaN;
        private double cpuThrottledShare = Double.NaN;
        private double cpuThrottledMsPerS = Double.NaN;
        private int samples = 0;
        private int scrapesFailed = 0;
        private String metricsSource = null;
        private List<String> notes = List.of();
        private Optional<CrossCheck> crossCheck = Optional.empty();

        private Builder() {}

        public Builder appCpuCores(double v) {
            appCpuCores = v;
            return this;
        }

        public Builder appCpuSource(String v) {
            appCpuSource = v;
            return this;
        }

        public Builder appCpuProcCores(double v) {
            appCpuProcCores = v;
            return this;
        }

        public Builder dbCpuCores(double v) {
            dbCpuCores = v;
            return this;
        }

        public Builder poolActiveAvg(double v) {
            poolActiveAvg = v;
            return this;
        }

        public Builder poolIdleAvg(double v) {
            poolIdleAvg = v;
            return this;
        }

        public Builder poolPendingAvg(double v) {
            poolPendingAvg = v;
            return this;
        }

        public Builder poolMax(double v) {
            poolMax = v;
            return this;
        }

        public Builder connAcquireMsAvg(double v) {
            connAcquireMsAvg = v;
            return this;
        }

        public Builder connUsageMsAvg(double v) {
            connUsageMsAvg = v;
            return this;
        }

        public Builder poolTimeouts(double v) {
            poolTimeouts = v;
            return this;
        }

        public Builder tomcatBusyThreadsAvg(double v) {
            tomcatBusyThreadsAvg = v;
            return this;
        }

        public Builder gcPauseMsPerS(double v) {
            gcPauseMsPerS = v;
            return this;
        }

        public Builder heapUsedMbAvg(double v) {
            heapUsedMbAvg = v;
            return this;
        }

        public Builder appMemoryMibMax(double v) {
            appMemoryMibMax = v;
            return this;
        }

        public Builder serverLatencyMsAvg(double v) {
            serverLatencyMsAvg = v;
            return this;
        }

        public Builder serverRps(double v) {
            serverRps = v;
            return this;
        }

        public Builder injectorCpuCores(double v) {
            injectorCpuCores = v;
            return this;
        }

        public Builder hostBusyCores(double v) {
            hostBusyCores = v;
            return this;
        }

        public Builder hostIdleCores(double v) {
            hostIdleCores = v;
            return this;
        }

        public Builder dbReadMsPerS(double v) {
            dbReadMsPerS = v;
            return this;
        }

        public Builder dbWriteMsPerS(double v) {
            dbWriteMsPerS = v;
            return this;
        }

        public Builder hostSpeedOpsPerCpuS(double v) {
            hostSpeedOpsPerCpuS = v;
            return this;
        }

        public Builder cpuThrottledShare(double v) {
            cpuThrottledShare = v;
            return this;
        }

        public Builder cpuThrottledMsPerS(double v) {
            cpuThrottledMsPerS = v;
            return this;
        }

        public Builder samples(int v) {
            samples = v;
            return this;
        }

        public Builder scrapesFailed(int v) {
            scrapesFailed = v;
            return this;
        }

        public Builder metricsSource(String v) {
            metricsSource = v;
            return this;
        }

        public Builder notes(List<String> v) {
            notes = v;
            return this;
        }

        public Builder crossCheck(Optional<CrossCheck> v) {
            crossCheck = v;
            return this;
        }

        public ServerFigures build() {
            return new ServerFigures(
                    appCpuCores,
                    appCpuSource,
                    appCpuProcCores,
                    dbCpuCores,
                    poolActiveAvg,
                    poolIdleAvg,
                    poolPendingAvg,
                    poolMax,
                    connAcquireMsAvg,
                    connUsageMsAvg,
                    poolTimeouts,
                    tomcatBusyThreadsAvg,
                    gcPauseMsPerS,
                    heapUsedMbAvg,
                    appMemoryMibMax,
                    serverLatencyMsAvg,
                    serverRps,
                    injectorCpuCores,
                    hostBusyCores,
                    hostIdleCores,
                    dbReadMsPerS,
                    dbWriteMsPerS,
                    hostSpeedOpsPerCpuS,
                    cpuThrottledShare,
                    cpuThrottledMsPerS,
                    samples,
                    scrapesFailed,
                    metricsSource,
                    notes,
                    crossCheck);
        }
    }
}
