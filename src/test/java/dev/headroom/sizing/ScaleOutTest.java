package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScaleOutTest {
    private static final SizingRequest.ScalingTimes TIMES = new SizingRequest.ScalingTimes(15, 15, 120, 180, 28);

    @Test
    void theLagAddsTheControllerIntervalsTheNodeAndTheStartUp() {
        assertThat(ScaleOut.of(Platform.EKS, TIMES).lagSeconds()).isEqualTo(15 + 15 + 120 + 28);
        assertThat(ScaleOut.of(Platform.EC2_ASG, TIMES).lagSeconds()).isEqualTo(180 + 120 + 28);
    }

    /** maxTarget and absorbableGrowthPerMinute are inverses: target -> growth -> target. */
    @Test
    void theTargetAndTheGrowthItAbsorbsRoundTrip() {
        ScaleOut s = ScaleOut.of(Platform.EKS, TIMES);
        for (double g : new double[] {0.01, 0.1, 0.5}) {
            double target = s.maxTarget(0.9, g);
            assertThat(s.absorbableGrowthPerMinute(target, 0.9)).isCloseTo(g, within(1e-12));
        }
    }

    /** Without growth the HPA target sits only the dead band below the ceiling; target tracking has none. */
    @Test
    void withoutGrowthOnlyTheToleranceRemains() {
        assertThat(ScaleOut.of(Platform.EKS, TIMES).maxTarget(0.88, 0)).isCloseTo(0.8, within(1e-12));
        assertThat(ScaleOut.of(Platform.ECS_FARGATE, TIMES).maxTarget(0.88, 0)).isCloseTo(0.88, within(1e-12));
    }
}
