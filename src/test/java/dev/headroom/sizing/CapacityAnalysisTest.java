package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityAnalysisTest {
    private static final SizingRequest.SloTarget P95_500MS =
            new SizingRequest.SloTarget(Double.NaN, 0.5, Double.NaN, Double.NaN);

    /**
     * The users' own breakpoint table (capacity-facts.md, "Seed workloads"): a Spring Boot + MySQL
     * service on a t4g.micro, +100 users per step: 200 -> 520 req/s, 300 -> 770, 400 -> 820, 500 ->
     * 840-870, 600 and 700 flat (about 860) with mean latency 700 ms and 1000 ms. They chose 500
     * users as the limit; the knee must land there for either end of the 840-870 range.
     */
    @Test
    void theKneeOfTheUsersBreakpointTableIsAt500Users() {
        for (double at500 : new double[] {840, 855, 870}) {
            List<MeasuredStep> steps = List.of(
                    Steps.closed(1, 200, 520),
                    Steps.closed(2, 300, 770),
                    Steps.closed(3, 400, 820),
                    Steps.closed(4, 500, at500),
                    Steps.closed(5, 600, 860),
                    Steps.closed(6, 700, 860));
            Capacity c = CapacityAnalysis.analyze(
                    steps, new SizingRequest.SloTarget(Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            assertThat(c.kneeConcurrency())
                    .as("knee with %s req/s at 500 users", at500)
                    .isEqualTo(500);
            assertThat(c.maxThroughputRps()).isEqualTo(Math.max(860, at500));
        }
    }

    @Test
    void noKneeWhileThroughputStillRises() {
        List<MeasuredStep> rising =
                List.of(Steps.closed(1, 10, 100), Steps.closed(2, 20, 200), Steps.closed(3, 30, 300));
        assertThat(CapacityAnalysis.analyze(rising, P95_500MS).knee()).isEmpty();
    }

    @Test
    void capacityAtTheSloIsTheHighestValidStepThatMetIt() {
        List<MeasuredStep> steps = List.of(
                Steps.of(1, 10, 100, 50, Double.NaN, true),
                Steps.of(2, 20, 200, 300, Double.NaN, true),
                Steps.of(3, 30, 290, 600, Double.NaN, true), // misses the SLO
                Steps.of(4, 40, 400, 100, Double.NaN, false)); // invalid: the injector, not the service
        Capacity c = CapacityAnalysis.analyze(steps, P95_500MS);
        assertThat(c.capacityAtSloRps()).isEqualTo(200);
        assertThat(c.maxThroughputRps()).isEqualTo(290);
        assertThat(c.validSteps()).isEqualTo(3);
    }

    @Test
    void aStepWithoutTheFigureTheSloNamesIsNeitherMetNorMissed() {
        MeasuredStep noLatency = Steps.closed(1, 10, 100);
        assertThat(CapacityAnalysis.meetsSlo(noLatency, P95_500MS)).isEqualTo(CapacityAnalysis.SloVerdict.UNKNOWN);
        assertThat(CapacityAnalysis.analyze(List.of(noLatency, Steps.closed(2, 20, 200)), P95_500MS)
                        .atSlo())
                .isEmpty();
    }

    /** A part of the SLO no step measured is left out, not allowed to make every step unknown. */
    @Test
    void anSloPartNoStepMeasuredIsLeftOut() {
        SizingRequest.SloTarget p95AndErrors = new SizingRequest.SloTarget(Double.NaN, 0.5, Double.NaN, 0.01);
        List<MeasuredStep> noErrorColumn = List.of(Steps.p95Only(1, 10, 100, 100), Steps.p95Only(2, 20, 190, 700));
        assertThat(CapacityAnalysis.measuredParts(noErrorColumn, p95AndErrors).maxErrorRatio())
                .isNaN();
        assertThat(CapacityAnalysis.analyze(noErrorColumn, p95AndErrors).capacityAtSloRps())
                .isEqualTo(100);
    }

    /** Without any SLO there is no "within": the fastest step may be far past the knee. */
    @Test
    void withoutAnSloThereIsNoCapacityAtIt() {
        List<MeasuredStep> steps =
                List.of(Steps.of(1, 10, 100, 50, Double.NaN, true), Steps.of(2, 20, 200, 900, Double.NaN, true));
        SizingRequest.SloTarget none = new SizingRequest.SloTarget(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        assertThat(CapacityAnalysis.analyze(steps, none).atSlo()).isEmpty();
    }
}
