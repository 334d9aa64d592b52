package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.scenario.Endpoint;
import dev.headroom.scenario.OpenLoad;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientRecorderTest {
    private static final List<String> NAMES =
            Arrays.stream(Endpoint.values()).map(Endpoint::key).toList();

    // no warm-up, no ramp: step 1 is [0, 10 s), step 2 is [10 s, 20 s)
    private final OpenLoad load = new OpenLoad(1, 0, 100, 100, 2, 10, 0);

    @Test
    void throughputAndInFlightObeyLittlesLaw() {
        ClientRecorder recorder = new ClientRecorder(new StepWindows(load.plan()), NAMES);
        long t0 = 0;
        recorder.begin(Endpoint.BASELINE.ordinal(), t0); // starts the timeline
        recorder.end(Endpoint.BASELINE.ordinal(), 1, t0, t0 + ms(20), 20, Outcome.OK);
        // 1,000 more requests in step 1, evenly spread, each lasting 20 ms: X = 100/s, W = 0.02 s
        for (int i = 1; i < 1000; i++) {
            long start = t0 + i * ms(10);
            int step = recorder.begin(Endpoint.BASELINE.ordinal(), start);
            assertThat(step).isEqualTo(1);
            recorder.end(Endpoint.BASELINE.ordinal(), step, start, start + ms(20), 20, Outcome.OK);
        }
        EndpointStats s = recorder.summarize(1).total();
        assertThat(s.sent()).isEqualTo(1000);
        assertThat(s.sentRps()).isCloseTo(100, within(1e-9));
        // the last two (sent at 9.98 s and 9.99 s) end at or after 10 s: they complete in step 2
        assertThat(s.throughputRps()).isCloseTo(99.8, within(1e-9));
        assertThat(recorder.summarize(2).total().throughputRps()).isCloseTo(0.2, within(1e-9));
        // L = X * W = 100 * 0.02 = 2
        assertThat(s.inFlightAvg()).isCloseTo(2.0, within(1e-9));
        assertThat(s.latencyMeanMs()).isCloseTo(20, within(1e-9));
        assertThat(recorder.inFlight(1)).isZero();
    }

    @Test
    void percentilesComeFromSuccessfulRequestsAndErrorsAreCountedByCause() {
        ClientRecorder recorder = new ClientRecorder(new StepWindows(load.plan()), NAMES);
        recorder.begin(Endpoint.MENU.ordinal(), 0);
        recorder.end(Endpoint.MENU.ordinal(), 1, 0, ms(1), 1, Outcome.OK);
        for (int latency = 2; latency <= 100; latency++) { // 1..100 ms, one each
            recorder.begin(Endpoint.MENU.ordinal(), ms(latency));
            recorder.end(Endpoint.MENU.ordinal(), 1, ms(latency), ms(2 * latency), latency, Outcome.OK);
        }
        recorder.begin(Endpoint.CREATE_ORDER.ordinal(), ms(500));
        recorder.end(Endpoint.CREATE_ORDER.ordinal(), 1, ms(500), ms(900), 5000, Outcome.HTTP_5XX);
        recorder.begin(Endpoint.CREATE_ORDER.ordinal(), ms(600));
        recorder.end(Endpoint.CREATE_ORDER.ordinal(), 1, ms(600), ms(700), -1, Outcome.CONNECTION);
        ClientRecorder.Summary summary = recorder.summarize(1);
        EndpointStats total = summary.total();
        assertThat(total.latencyP50Ms()).isEqualTo(50);
        assertThat(total.latencyP99Ms()).isEqualTo(99);
        assertThat(total.latencyMaxMs()).isEqualTo(100); // the 5,000 ms failure is not a latency
        assertThat(total.errorsByCause()).containsEntry("http_5xx", 1L).containsEntry("connection", 1L);
        assertThat(total.errorRatio()).isCloseTo(2.0 / 102, within(1e-12));
        assertThat(summary.byEndpoint()).containsOnlyKeys("menu", "create_order");
        assertThat(summary.byEndpoint().get("create_order").ok()).isZero();
        assertThat(summary.byEndpoint().get("menu").ok()).isEqualTo(100);
    }

    @Test
    void requestsOutsideTheSteadyWindowsAreNotMeasured() {
        OpenLoad withRamp = new OpenLoad(10, 5, 100, 100, 1, 10, 2); // steady [7 s, 17 s)
        ClientRecorder recorder = new ClientRecorder(new StepWindows(withRamp.plan()), NAMES);
        int warmup = recorder.begin(Endpoint.BASELINE.ordinal(), 0);
        int ramp = recorder.begin(Endpoint.BASELINE.ordinal(), ms(6000));
        assertThat(warmup).isZero();
        assertThat(ramp).isZero();
        assertThat(recorder.summarize(1).total().sent()).isZero();
        assertThat(recorder.inFlight(0)).isEqualTo(2);
    }

    private static long ms(long ms) {
        return ms * 1_000_000L;
    }
}
