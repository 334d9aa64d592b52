package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceLoadTest {
    @Test
    void theMiddleStepIsTheLowerMiddleOfTheSortedLoads() {
        // 3 steps: sorted 100, 200, 300; index (3 - 1) / 2 = 1 -> 200
        assertThat(ReferenceLoad.middle(List.of(300.0, 100.0, 200.0))).isEqualTo(200.0);
        // 4 steps: sorted 100, 200, 300, 400; index (4 - 1) / 2 = 1 -> 200, below the knee side
        assertThat(ReferenceLoad.middle(List.of(400.0, 100.0, 300.0, 200.0))).isEqualTo(200.0);
        // unmeasured loads are left out: 5 and 7 remain, lower middle 5
        assertThat(ReferenceLoad.middle(List.of(Double.NaN, 7.0, 5.0))).isEqualTo(5.0);
        assertThat(ReferenceLoad.middle(List.of())).isNaN();
        assertThat(ReferenceLoad.middle(List.of(Double.NaN))).isNaN();
    }
}
