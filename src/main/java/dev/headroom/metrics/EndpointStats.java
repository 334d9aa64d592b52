package dev.headroom.metrics;

import java.util.Map;

/**
 * Client-side figures of one endpoint (or all of them) over one step's steady window. Latency
 * percentiles are of successful requests; failures are counted by cause instead.
 *
 * @param sent requests started in the window
 * @param throughputRps successful responses completed in the window, per second
 * @param inFlightAvg mean requests in flight (Little's law: sum of response times / window length)
 */
public record EndpointStats(
        String endpoint,
        long sent,
        long ok,
        Map<String, Long> errorsByCause,
        double sentRps,
        double throughputRps,
        double errorRatio,
        double latencyMeanMs,
        double latencyP50Ms,
        double latencyP90Ms,
        double latencyP95Ms,
        double latencyP99Ms,
        double latencyMaxMs,
        double inFlightAvg) {

    public long errors() {
        return errorsByCause.values().stream().mapToLong(Long::longValue).sum();
    }
}
