package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemandAtTargetTest {

    /** An open-model step that carried its offered rate. */
    private static MeasuredStep served(int step, double rps, double cores) {
        return MeasuredStep.builder(step)
                .offeredRps(rps)
                .throughputRps(rps)
                .latencyP95Seconds(0.05)
                .errorRatio(0)
                .appCpuCores(cores)
                .validity(true, "")
                .build();
    }

    private static Optional<DemandAtTarget> find(List<MeasuredStep> steps, MeasuredStep op, double targetCores) {
        return DemandAtTarget.find(steps, op, targetCores, MeasuredStep::appCpuCores);
    }

    /**
     * The 0.25-CPU search of 2026-12-07 (start_rps 50), rounded: 100 req/s at 0.143 cores, 200 at
     * 0.213, the operating point 219 at 0.240; a 65 % target is 0.1625 cores.
     * Nearest below: step 2 (0.143); nearest above: step 3 (0.213).
     * X_t = 100 + (0.1625 - 0.143) x (200 - 100) / (0.213 - 0.143) = 100 + 1.95 / 0.07 = 127.857 req/s.
     * The ratio at the knee, 0.240 / 219 = 1.0959 ms, would give 0.1625 / 0.0010959 = 148.3 req/s.
     * The line through (127.857, 0.1625) and (219, 0.240): D = 0.0775 / 91.143 = 0.85031 ms,
     * U0 = 0.240 - 219 x 0.00085031 = 0.053782 cores.
     */
    @Test
    void betweenTheStepsNearestTheTargetOnEitherSide() {
        MeasuredStep op = served(4, 219, 0.240);
        List<MeasuredStep> steps = List.of(served(1, 50, 0.136), served(2, 100, 0.143), served(3, 200, 0.213), op);
        DemandAtTarget t = find(steps, op, 0.1625).orElseThrow();
        assertThat(t.rps()).isCloseTo(127.857, within(0.001));
        assertThat(t.basis()).contains("between step 2").contains("step 3");
        ServiceDemand d = t.through(op, MeasuredStep::appCpuCores);
        assertThat(d.cpuSecondsPerRequest() * 1000).isCloseTo(0.85031, within(1e-5));
        assertThat(d.backgroundCores()).isCloseTo(0.053782, within(1e-6));
        // the line meets both points: the target's rate at 65 % of 0.25 cores, the knee's cores at 219
        assertThat(d.rpsAt(0.25, 0.65, 1.0)).isCloseTo(127.857, within(0.001));
        assertThat(d.coresAt(219)).isCloseTo(0.240, within(1e-12));
    }

    /**
     * The default search at 0.5 CPU of 2026-12-07 01:15: its lowest trial 433 req/s at 0.358 cores,
     * the operating point 719.3 at 0.4793; a 67 % target is 0.335 cores, below every trial.
     * X_t = 0.335 x 433 / 0.358 = 405.18 req/s (the ratio at the knee, 0.4793 / 719.3 = 0.66634 ms,
     * gave 0.335 / 0.00066634 = 502.7). D = (0.4793 - 0.335) / (719.3 - 405.18) = 0.45938 ms,
     * U0 = 0.4793 - 719.3 x 0.00045938 = 0.14887 cores.
     */
    @Test
    void withNoStepBelowTheTargetTheNearestAboveGivesIt() {
        MeasuredStep op = served(13, 719.3, 0.4793);
        List<MeasuredStep> steps = List.of(served(1, 433, 0.358), served(3, 649.4, 0.4511), op);
        DemandAtTarget t = find(steps, op, 0.335).orElseThrow();
        assertThat(t.rps()).isCloseTo(405.18, within(0.01));
        assertThat(t.basis()).contains("U/X at step 1");
        ServiceDemand d = t.through(op, MeasuredStep::appCpuCores);
        assertThat(d.cpuSecondsPerRequest() * 1000).isCloseTo(0.45938, within(1e-5));
        assertThat(d.backgroundCores()).isCloseTo(0.14887, within(1e-5));
    }

    /** U = 0.5 ms x X exactly: the ratio holds at every rate, so nothing replaces it. */
    @Test
    void cpuProportionalToTheRateKeepsTheRatio() {
        MeasuredStep op = served(3, 800, 0.4);
        assertThat(find(List.of(served(1, 200, 0.1), served(2, 400, 0.2), op), op, 0.3))
                .isEmpty();
    }

    /**
     * CPU a request rising with the rate (convex): 200 req/s at 0.1 cores, 400 at 0.3. Target 0.2:
     * X_t = 200 + 0.1 x 200 / 0.2 = 300, U/X = 0.667 ms, below the knee's 0.75: the ratio already
     * over-reads the target's CPU, so it stays.
     */
    @Test
    void cpuConvexInTheRateKeepsTheRatio() {
        MeasuredStep op = served(2, 400, 0.3);
        assertThat(find(List.of(served(1, 200, 0.1), op), op, 0.2)).isEmpty();
    }

    /**
     * A noisy pair: the step below the target's cores ran at a higher rate than the one above it,
     * so they give no interval; the nearest above alone does: 0.18 x 250 / 0.2 = 225 req/s.
     */
    @Test
    void aPairOutOfOrderFallsBackToTheNearestAbove() {
        MeasuredStep op = served(3, 400, 0.3);
        DemandAtTarget t = find(List.of(served(1, 300, 0.15), served(2, 250, 0.2), op), op, 0.18)
                .orElseThrow();
        assertThat(t.rps()).isCloseTo(225, within(1e-9));
    }

    /**
     * Steps that did not carry their rate, or are invalid, say nothing of the CPU a served rate
     * costs: with them left out, only the knee is at or above the target, and the ratio holds.
     */
    @Test
    void stepsThatFellBehindOrAreInvalidAreLeftOut() {
        MeasuredStep op = served(3, 400, 0.3);
        MeasuredStep behind = MeasuredStep.builder(1)
                .offeredRps(300)
                .throughputRps(200)
                .latencyP95Seconds(2)
                .errorRatio(0)
                .appCpuCores(0.29)
                .validity(true, "")
                .build();
        MeasuredStep invalid = MeasuredStep.builder(2)
                .offeredRps(250)
                .throughputRps(250)
                .latencyP95Seconds(0.05)
                .errorRatio(0)
                .appCpuCores(0.28)
                .validity(false, "host saturated")
                .build();
        assertThat(find(List.of(behind, invalid, op), op, 0.2)).isEmpty();
    }

    @Test
    void noTargetOrATargetAtTheKneeGivesNothing() {
        MeasuredStep op = served(2, 400, 0.3);
        List<MeasuredStep> steps = List.of(served(1, 200, 0.2), op);
        assertThat(find(steps, op, Double.NaN)).isEmpty();
        assertThat(find(steps, op, 0.3)).isEmpty();
        assertThat(find(steps, op, 0.35)).isEmpty();
    }

    /**
     * Through the sizer's demand decision: with a target the line through the target's point is
     * used and said; the database's decision (no target) keeps its ratio. Figures of the first
     * test: 0.85031 ms and 0.053782 cores.
     */
    @Test
    void theServiceDemandDecisionUsesItAndSaysSo() {
        MeasuredStep op = served(4, 219, 0.240);
        List<MeasuredStep> steps = List.of(served(1, 50, 0.136), served(2, 100, 0.143), served(3, 200, 0.213), op);
        Capacity capacity = new Capacity(Optional.of(op), Optional.empty(), 219, 4, false);
        SizingLog log = new SizingLog();
        ServiceDemand d = Demands.decide(
                        "service_demand", steps, steps, capacity, MeasuredStep::appCpuCores, 0.1625, log)
                .orElseThrow();
        assertThat(d.cpuSecondsPerRequest() * 1000).isCloseTo(0.85031, within(1e-5));
        assertThat(d.backgroundCores()).isCloseTo(0.053782, within(1e-6));
        assertThat(d.method()).contains("the line through the target's point");
        assertThat((String) log.decisions().get(0).inputs().get("at_the_target"))
                .contains("127.9 req/s")
                .contains("the ratio would give 148.3 req/s");
        ServiceDemand ratio = Demands.decide(
                        "service_demand", steps, steps, capacity, MeasuredStep::appCpuCores, Double.NaN, log)
                .orElseThrow();
        assertThat(ratio.backgroundCores()).isZero();
        assertThat(ratio.cpuSecondsPerRequest()).isCloseTo(0.240 / 219, within(1e-12));
    }
}
