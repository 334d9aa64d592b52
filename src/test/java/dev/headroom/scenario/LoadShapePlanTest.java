package dev.headroom.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link LoadShape#plan()} against the identities of a staircase, for shipped and awkward shapes. */
class LoadShapePlanTest {
    private static final Offset<Double> SUMS = within(1e-9);

    static Stream<LoadShape> shapes() {
        return Stream.of(
                ScenarioLoader.load("staircase", ShippedScenariosTest.SCENARIOS).load(),
                ScenarioLoader.load("nightly", ShippedScenariosTest.SCENARIOS).load(),
                ScenarioLoader.load("breakpoint", ShippedScenariosTest.SCENARIOS)
                        .load(),
                // fractions that binary floating point cannot hold exactly, no ramp, a flat staircase
                new OpenLoad(7.5, 2.5, 12.5, 0, 3, 0.7, 0),
                // many short steps, where sums of 0.1 drift
                new ClosedLoad(1, 0, 3, 7, 200, 0.1, 0.3, 0));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void stepsAreNumberedFromOneAndFirstRampStartsWhenWarmUpEnds(LoadShape shape) {
        List<StepPlan> plan = shape.plan();

        assertThat(plan).hasSize(shape.steps());
        for (int k = 1; k <= plan.size(); k++)
            assertThat(plan.get(k - 1).step()).isEqualTo(k);
        assertThat(plan.get(0).rampStartS()).isEqualTo(shape.warmupBoundS());
        // a timed warm-up's bound is its length; a settled one's adds its first ramp, one window
        double firstRampS = shape.settledWarmup().map(SettledWarmup::windowS).orElse(0.0);
        assertThat(shape.warmupBoundS()).isEqualTo(shape.warmupS() + firstRampS);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void eachSteadyWindowBeginsAfterItsRampAndLastsTheStepDuration(LoadShape shape) {
        for (StepPlan step : shape.plan()) {
            assertThat(step.steadyStartS() - step.rampStartS()).isCloseTo(shape.rampS(), SUMS);
            assertThat(step.steadyDurationS()).isCloseTo(shape.stepDurationS(), SUMS);
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void steadyWindowsNeverOverlapAndRampsFollowWithoutGaps(LoadShape shape) {
        List<StepPlan> plan = shape.plan();
        for (int i = 1; i < plan.size(); i++) {
            StepPlan before = plan.get(i - 1);
            StepPlan after = plan.get(i);
            assertThat(after.steadyStartS()).isGreaterThanOrEqualTo(before.steadyEndS());
            assertThat(after.rampStartS()).isEqualTo(before.steadyEndS());
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void theLastSteadyWindowEndsAtTheTotalDuration(LoadShape shape) {
        List<StepPlan> plan = shape.plan();

        assertThat(plan.get(plan.size() - 1).steadyEndS()).isCloseTo(shape.totalDurationS(), SUMS);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void offeredLoadOfStepKIsStartPlusKMinusOneSteps(LoadShape shape) {
        double start = shape instanceof OpenLoad open ? open.startRps() : ((ClosedLoad) shape).startUsers();
        double increment = shape instanceof OpenLoad open ? open.stepRps() : ((ClosedLoad) shape).stepUsers();
        for (StepPlan step : shape.plan()) {
            assertThat(step.offered()).isEqualTo(start + (step.step() - 1) * increment);
        }
    }
}
