package dev.headroom.metrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Step figures for tests of code that reads them: plausible values, the ones under test set by name. */
public final class StepFixtures {
    private StepFixtures() {}

    /** A step in which {@code sentRps} requests a second were sent for 10 s, all successful. */
    public static EndpointStats endpointStats(double sentRps, double throughputRps) {
        long sent = (long) (sentRps * 10);
        Map<String, Long> errors =
                Map.of("http_4xx", 0L, "http_5xx", 0L, "timeout", 0L, "connection", 0L, "bad_response", 0L);
        return new EndpointStats("all", sent, sent, errors, sentRps, throughputRps, 0, 5, 4, 6, 7, 9, 12, 0.5);
    }

    /** Server figures with the service's CPU and the host's idle CPU as given. */
    public static ServerFigures serverFigures(double appCpuCores, double hostIdleCores) {
        return serverFigures(appCpuCores, hostIdleCores, Double.NaN);
    }

    /** The same, with the host's speed in probe operations per CPU-second ({@link HostSpeedProbe}). */
    public static ServerFigures serverFigures(double appCpuCores, double hostIdleCores, double hostSpeedOpsPerCpuS) {
        return ServerFigures.builder()
                .appCpuCores(appCpuCores)
                .appCpuSource(Double.isNaN(appCpuCores) ? "none" : "actuator")
                .appCpuProcCores(appCpuCores)
                .dbCpuCores(0.1)
                .poolActiveAvg(1)
                .poolIdleAvg(9)
                .poolPendingAvg(0)
                .poolMax(10)
                .connAcquireMsAvg(0.01)
                .connUsageMsAvg(2)
                .poolTimeouts(0)
                .tomcatBusyThreadsAvg(3)
                .gcPauseMsPerS(0.1)
                .heapUsedMbAvg(100)
                .appMemoryMibMax(400)
                .serverLatencyMsAvg(3)
                .serverRps(100)
                .injectorCpuCores(0.3)
                .hostBusyCores(2 - hostIdleCores)
                .hostIdleCores(hostIdleCores)
                .hostSpeedOpsPerCpuS(hostSpeedOpsPerCpuS)
                .samples(10)
                .scrapesFailed(0)
                .metricsSource("direct")
                .notes(List.of())
                .crossCheck(Optional.empty())
                .build();
    }
}
