package dev.headroom.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * Everything measured in the steady window of one step.
 *
 * @param offered the planned load: requests per second (open model) or users (closed model)
 * @param concurrency users (closed model), or mean requests in flight by Little's law (open model)
 */
public record StepResult(
        int step,
        String model,
        double offered,
        double concurrency,
        Instant steadyStart,
        Instant steadyEnd,
        EndpointStats client,
        Map<String, EndpointStats> byEndpoint,
        ServerFigures server,
        boolean sloMet,
        Validity validity) {

    public double offeredRps() {
        return "open".equals(model) ? offered : Double.NaN;
    }
}
