package dev.headroom.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.scenario.Assertions;
import dev.headroom.scenario.Slo;
import dev.headroom.sizing.MeasuredStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssertionCheckTest {
    private static final Slo SLO = new Slo(100, 250, 0.01);

    /** Open-model step: offered = carried rate, p95, error ratio, service cores. */
    private static MeasuredStep step(int n, double rps, double p95Ms, double errors, double cores, boolean valid) {
        return MeasuredStep.builder(n)
                .offeredRps(rps)
                .throughputRps(rps)
                .latencyP95Seconds(p95Ms / 1000)
                .latencyP99Seconds(p95Ms * 2 / 1000)
                .errorRatio(errors)
                .appCpuCores(cores)
                .connHoldSeconds(0.002)
                .validity(valid, valid ? "" : "host CPU saturated")
                .build();
    }

    // the last step misses the SLO (p95 300 ms) with 5 % errors: the staircase went past the knee
    private static final List<MeasuredStep> STEPS = List.of(
            step(1, 100, 20, 0, 0.10, true), step(2, 200, 30, 0.002, 0.20, true), step(3, 300, 300, 0.05, 0.30, true));

    private static Assertions limits(double p95, double errors, double capacity, double cpuMs) {
        return new Assertions(Double.NaN, p95, Double.NaN, errors, capacity, cpuMs);
    }

    @Test
    void limitsKeptAtTheMiddleStepHoldEvenPastTheKnee() {
        AssertionCheck.Outcome o = AssertionCheck.check(limits(50, 0.01, 200, 1.5), SLO, STEPS, 200);
        assertThat(o.held()).as(o.failures()).isTrue();
        assertThat(o.referenceStep()).isEqualTo(2);
        assertThat(o.results()).hasSize(4);
        // the utilization law at step 2: 0.20 cores / 200 req/s = 1 ms
        assertThat(o.results())
                .filteredOn(r -> r.assertion().equals("max_cpu_ms_per_request"))
                .singleElement()
                .satisfies(r -> assertThat(r.measured()).isEqualTo(1.0));
    }

    @Test
    void eachBrokenLimitSaysWhatWasMeasured() {
        AssertionCheck.Outcome o = AssertionCheck.check(limits(25, 0.001, 250, 0.9), SLO, STEPS, 200);
        assertThat(o.held()).isFalse();
        assertThat(o.results()).noneMatch(AssertionCheck.Result::held);
        assertThat(o.failures())
                .contains("p95 at 200 (step 2) 30 ms, asserted at most 25 ms")
                .contains("the highest error ratio of the steps up to 200 (step 2) 0.002, asserted at most 0.001")
                .contains("capacity at SLO 200 req/s, asserted at least 250")
                .contains("service CPU per request at 200 (step 2) 1 ms, asserted at most 0.9 ms");
    }

    @Test
    void aReferenceStepThatWasInvalidCannotHoldALimit() {
        List<MeasuredStep> steps = List.of(
                step(1, 100, 20, 0, 0.10, true), step(2, 200, 30, 0, 0.20, false), step(3, 300, 40, 0, 0.3, true));
        AssertionCheck.Outcome o =
                AssertionCheck.check(limits(50, Double.NaN, Double.NaN, Double.NaN), SLO, steps, 200);
        assertThat(o.held()).isFalse();
        assertThat(o.failures()).contains("not measured");
    }

    @Test
    void theScenariosReferenceLoadOverridesTheMiddleStep() {
        Assertions a = new Assertions(300, 50, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        AssertionCheck.Outcome o = AssertionCheck.check(a, SLO, STEPS, 200);
        assertThat(o.referenceStep()).isEqualTo(3);
        assertThat(o.held()).isFalse();
    }
}
