package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.scenario.OpenLoad;
import dev.headroom.scenario.SearchPhase;
import dev.headroom.scenario.StepPlan;
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

    @Test
    void aSearchPlansItsTrialsOneAtATimeInOrderUpToItsBudget() {
        StepWindows windows = StepWindows.growing(2);
        long t0 = 1_000_000_000L;
        windows.startIfUnset(t0);
        assertThat(windows.stepAt(t0 + s(5))).isZero(); // the warm-up: nothing planned yet
        windows.add(new StepPlan(1, 400, 60, 62, 72, SearchPhase.PROBE));
        assertThat(windows.stepAt(t0 + s(61))).isZero(); // its ramp
        assertThat(windows.stepAt(t0 + s(62))).isEqualTo(1);
        assertThat(windows.plan()).hasSize(1);
        // out of order, overlapping the last window, or past the budget: refused
        assertThatThrownBy(() -> windows.add(new StepPlan(3, 800, 73, 75, 85, SearchPhase.PROBE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> windows.add(new StepPlan(2, 800, 71, 73, 83, SearchPhase.PROBE)))
                .hasMessageContaining("starts before step 1 ends");
        windows.add(new StepPlan(2, 800, 73, 75, 85, SearchPhase.PROBE));
        assertThat(windows.stepAt(t0 + s(80))).isEqualTo(2);
        assertThatThrownBy(() -> windows.add(new StepPlan(3, 600, 86, 88, 98, SearchPhase.BISECT)))
                .hasMessageContaining("capacity 2");
        assertThat(windows.capacity()).isEqualTo(2);
    }

    private static long s(double seconds) {
        return Math.round(seconds * 1e9);
    }
}
