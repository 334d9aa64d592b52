package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostSpeedProbeTest {

    @Test
    void readingsAddUpTheirOperationsAndTheThreadsCpuTime() {
        HostSpeedProbe probe = new HostSpeedProbe(50);
        HostSpeedProbe.Totals first = probe.read();
        HostSpeedProbe.Totals second = probe.read();
        // the warm-up's operations are not counted: only each reading's 50
        assertThat(first.ops()).isEqualTo(50);
        assertThat(second.ops()).isEqualTo(100);
        assertThat(first.cpuS()).isPositive();
        assertThat(second.cpuS()).isGreaterThan(first.cpuS());
        // a rate, not a figure this test could fix: finite and positive on any host
        double opsPerCpuS = (second.ops() - first.ops()) / (second.cpuS() - first.cpuS());
        assertThat(opsPerCpuS).isPositive().isFinite();
    }

    @Test
    void theMixIsTheSameWorkEveryTime() {
        int[] numbers = HostSpeedProbe.numbers();
        int[] copy = numbers.clone();
        int once = HostSpeedProbe.mix(numbers);
        assertThat(HostSpeedProbe.mix(numbers)).isEqualTo(once);
        assertThat(numbers).as("the input is left as it was").isEqualTo(copy);
        assertThat(HostSpeedProbe.numbers()).as("from a fixed seed").isEqualTo(copy);
    }

    @Test
    void aReadingNeedsAtLeastOneOperation() {
        assertThatThrownBy(() -> new HostSpeedProbe(0)).hasMessageContaining("opsPerReading must be >= 1");
    }
}
