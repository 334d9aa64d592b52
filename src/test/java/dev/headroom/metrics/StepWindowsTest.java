package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.scenario.OpenLoad;
import org.junit.jupiter.api.Test;

class StepWindowsTest {
    // warm-up 10 s, then 3 steps of (2 s ramp + 5 s steady): steady windows [12,17) [19,24) [26,31)
    private final OpenLoad load = new OpenLoad(10, 10, 100, 50, 3, 5, 2);

    @Test
    void placesInstantsInTheSteadyWindowOfTheirStepAndNowhereElse() {
        StepWindows windows = new StepWindows(load.plan());
        long t0 = 1_000_000_000L;
        assertThat(windows.stepAt(t0)).isZero(); // not started
        assertThat(windows.startIfUnset(t0)).isTrue();
        assertThat(windows.startIfUnset(t0 + 5)).isFalse();
        assertThat(windows.stepAt(t0 + s(0))).isZero(); // warm-up
        assertThat(windows.stepAt(t0 + s(11.999))).isZero(); // ramp of step 1
        assertThat(windows.stepAt(t0 + s(12))).isEqualTo(1);
        assertThat(windows.stepAt(t0 + s(16.999))).isEqualTo(1);
        assertThat(windows.stepAt(t0 + s(17))).isZero(); // ramp of step 2
        assertThat(windows.stepAt(t0 + s(19))).isEqualTo(2);
        assertThat(windows.stepAt(t0 + s(30.5))).isEqualTo(3);
        assertThat(windows.stepAt(t0 + s(31))).isZero(); // after the end
        assertThat(windows.steadyEndNanos(3) - windows.steadyStartNanos(3)).isEqualTo(s(5));
    }

    private static long s(double seconds) {
        return Math.round(seconds * 1e9);
    }
}
