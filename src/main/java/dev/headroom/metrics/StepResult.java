package dev.headroom.metrics;

import dev.headroom.scenario.LoadModel;
import dev.headroom.scenario.SearchPhase;
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
        LoadModel model,
        double offered,
        double concurrency,
        Instant steadyStart,
        Instant steadyEnd,
        EndpointStats client,
        Map<String, EndpointStats> byEndpoint,
        ServerFigures server,
        boolean sloMet,
        Validity validity,
        SearchPhase phase) {

    /** A staircase step (phase {@code step}). */
    public StepResult(
            int step,
            LoadModel model,
            double offered,
            double concurrency,
            Instant steadyStart,
            Instant steadyEnd,
            EndpointStats client,
            Map<String, EndpointStats> byEndpoint,
            ServerFigures server,
            boolean sloMet,
            Validity validity) {
        this(
                step,
                model,
                offered,
                concurrency,
                steadyStart,
                steadyEnd,
                client,
                byEndpoint,
                server,
                sloMet,
                validity,
                SearchPhase.STEP);
    }

    public double offeredRps() {
        return model == LoadModel.OPEN ? offered : Double.NaN;
    }
}
