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
     * X_t = 100 + (0.1625 - 0.143) x (200 - 100) / (0.213 - 0.143) = 100 + 1.95 / 0.07 = 127.857 req/s;
     * D_t = 0.1625 / 127.857 = 1.27095 ms. The ratio at the knee, 0.240 / 219 = 1.0959 ms, would give
     * 0.1625 / 0.0010959 = 148.3 req/s. The bounds: U/X at step 2 is 1.43 ms, at step 3 1.065 ms.
     */
    @Test
    void betweenTheStepsNearestTheTargetOnEitherSide() {
        MeasuredStep op = served(4, 219, 0.240);
        List<MeasuredStep> steps = List.of(served(1, 50, 0.136), served(2, 100, 0.143), served(3, 200, 0.213), op);
        DemandAtTarget t = find(steps, op, 0.1625).orElseThrow();
        assertThat(t.rps()).isCloseTo(127.857, within(0.001));
        assertThat(t.basis()).contains("between step 2").contains("step 3");
        ServiceDemand d = t.demand();
        assertThat(d.cpuSecondsPerRequest() * 1000)
                .isCloseTo(1.27095, within(1e-5))
                .isBetween(1.065, 1.43);
        assertThat(d.backgroundCores()).isZero();
        // a replica of the tested 0.25 cores at 65 %: the target's point itself
        assertThat(d.rpsAt(0.25, 0.65, 1.0)).isCloseTo(127.857, within(0.001));
        // twice the cores, twice the rate: never more than the knee's ratio would give (296.6)
        assertThat(d.rpsAt(0.5, 0.65, 1.0)).isCloseTo(255.714, within(0.001));
    }

    /**
     * The default search at 0.5 CPU of 2026-12-07 01:15: its lowest trial 433 req/s at 0.358 cores,
     * the operating point 719.3 at 0.4793; a 67 % target is 0.335 cores, below every trial.
     * X_t = 0.335 x 433 / 0.358 = 405.18 req/s, D_t = 0.358 / 433 = 0.82679 ms (the ratio at the knee,
     * 0.4793 / 719.3 = 0.66634 ms, gave 0.335 / 0.00066634 = 502.7 req/s).
     */
    @Test
    void withNoStepBelowTheTargetTheNearestAboveGivesIt() {
        MeasuredStep op = served(13, 719.3, 0.4793);
        List<MeasuredStep> steps = List.of(served(1, 433, 0.358), served(3, 649.4, 0.4511), op);
        DemandAtTarget t = find(steps, op, 0.335).orElseThrow();
        assertThat(t.rps()).isCloseTo(405.18, within(0.01));
        assertThat(t.basis()).contains("U/X at step 1");
        assertThat(t.demand().cpuSecondsPerRequest() * 1000).isCloseTo(0.82679, within(1e-5));
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
     * Through the sizer's demand decision: with a target, the ratio at the target's point is used at
     * and below it and the knee's ratio at the ceiling; without one (the database), both are the
     * knee's. Figures of the first test: D_t 1.27095 ms, D_k 0.240 / 219 = 1.09589 ms.
     */
    @Test
    void theServiceDemandDecisionUsesItAndSaysSo() {
        MeasuredStep op = served(4, 219, 0.240);
        List<MeasuredStep> steps = List.of(served(1, 50, 0.136), served(2, 100, 0.143), served(3, 200, 0.213), op);
        Capacity capacity = new Capacity(Optional.of(op), Optional.empty(), 219, 4, false);
        SizingLog log = new SizingLog();
        Demands.Decided d = Demands.decide(
                        "service_demand",
                        steps,
                        steps,
                        capacity,
                        MeasuredStep::appCpuCores,
                        0.1625,
                        Optional.empty(),
                        log)
                .orElseThrow();
        assertThat(d.atTarget().cpuSecondsPerRequest() * 1000).isCloseTo(1.27095, within(1e-5));
        assertThat(d.atCeiling().cpuSecondsPerRequest() * 1000).isCloseTo(1.09589, within(1e-5));
        assertThat(d.atCeiling().backgroundCores()).isZero();
        Decision decision = log.decisions().get(0);
        assertThat((String) decision.inputs().get("at_the_target"))
                .contains("127.9 req/s")
                .contains("the ratio would give 148.3 req/s");
        assertThat((double) decision.result().get("cpu_ms_per_request_at_target"))
                .isCloseTo(1.27095, within(1e-5));
        Demands.Decided none = Demands.decide(
                        "service_demand",
                        steps,
                        steps,
                        capacity,
                        MeasuredStep::appCpuCores,
                        Double.NaN,
                        Optional.empty(),
                        log)
                .orElseThrow();
        assertThat(none.atTarget()).isSameAs(none.atCeiling());
    }

    /**
     * A warm-up that ended with the JIT over its bound (30 % against 10 %, as on the quick run of
     * 2026-12-07 02:00) leaves the early trials' CPU a request high for a reason that passes with
     * time: no bend is read, and the decision says why. At 10 % exactly it is within the bound.
     */
    @Test
    void aJvmStillCompilingAtTheWarmupsEndKeepsTheRatio() {
        MeasuredStep op = served(4, 219, 0.240);
        List<MeasuredStep> steps = List.of(served(2, 100, 0.143), served(3, 200, 0.213), op);
        Capacity capacity = new Capacity(Optional.of(op), Optional.empty(), 219, 3, false);
        WarmupEnd compiling = new WarmupEnd("never_settled", false, 70, 0, 0.9, -0.1, 0.30, 0.10);
        SizingLog log = new SizingLog();
        Demands.Decided d = Demands.decide(
                        "service_demand",
                        steps,
                        steps,
                        capacity,
                        MeasuredStep::appCpuCores,
                        0.1625,
                        Optional.of(compiling),
                        log)
                .orElseThrow();
        assertThat(d.atTarget()).isSameAs(d.atCeiling());
        assertThat((String) log.decisions().get(0).inputs().get("at_the_target"))
                .contains("the JIT took 30 %")
                .contains("its bound 10 %");
        WarmupEnd atBound = new WarmupEnd("never_settled", false, 135, 0, 0.7, -0.05, 0.10, 0.10);
        assertThat(Demands.decide(
                                "service_demand",
                                steps,
                                steps,
                                capacity,
                                MeasuredStep::appCpuCores,
                                0.1625,
                                Optional.of(atBound),
                                new SizingLog())
                        .orElseThrow()
                        .atTarget()
                        .cpuSecondsPerRequest())
                .isCloseTo(0.1625 / 127.857, within(1e-8));
        assertThat(new WarmupEnd("settled", true, 90, 0, 0.6, 0.02).stillCompiling())
                .isFalse();
    }

    /**
     * Through the plans: the replicas for the peak come from the rate at the target's point, the
     * ceiling's rate from the knee. PlanInputs with the first test's demands, a 0.25-core replica,
     * target 0.65, ceiling 0.96: at the target 0.1625 / 0.00127095 = 127.857 req/s; at the ceiling
     * 0.24 / 0.00109589 = 219.0 req/s.
     */
    @Test
    void thePlansReadTheTargetFromItAndTheCeilingFromTheKnee() {
        MeasuredStep op = served(4, 219, 0.240);
        List<MeasuredStep> steps = List.of(served(2, 100, 0.143), served(3, 200, 0.213), op);
        Capacity capacity = new Capacity(Optional.of(op), Optional.empty(), 219, 3, false);
        Demands.Decided d = Demands.decide(
                        "service_demand",
                        steps,
                        steps,
                        capacity,
                        MeasuredStep::appCpuCores,
                        0.1625,
                        Optional.empty(),
                        new SizingLog())
                .orElseThrow();
        SizingRequest request = PlanFixtures.request(Platform.EKS);
        PlanInputs in = new PlanInputs(
                request, d.atCeiling(), d.atTarget(), Optional.empty(), Double.NaN, 0.25, 512, 0.96, 0.65, Double.NaN);
        assertThat(in.rpsAtTarget(0.25, 1)).isCloseTo(127.857, within(0.001));
        assertThat(in.rpsAtCeiling(0.25, 1)).isCloseTo(219.0, within(0.001));
    }
}
