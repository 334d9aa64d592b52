package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.metrics.JvmMemoryFloor;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunFactsJvmFloorTest {
    private static final double MIB = 1024 * 1024;

    /** Serial collector, -Xmx128m: eden 34 + one survivor 4 + tenured 85 = 123 MiB of pool maxima. */
    private static final JvmMemoryFloor SERIAL_GAUGES = new JvmMemoryFloor(123 * MIB, 40 * MIB, 2 * MIB);

    @Test
    void theCommandLinesXmxReplacesThePoolsSumAndKeepsTheRest() {
        RunFacts.JvmFloor f = RunFacts.jvmFloor(
                        Optional.of(SERIAL_GAUGES), "the metrics endpoint", OptionalLong.of(128L << 20))
                .orElseThrow();
        assertThat(f.floor().heapMaxMib()).isEqualTo(128.0);
        // 128 + 40 + 2
        assertThat(f.floor().floorMib()).isEqualTo(170.0);
        assertThat(f.source()).startsWith("-Xmx").endsWith("from the metrics endpoint");
    }

    @Test
    void withoutAnXmxTheGaugesStandAndSaySo() {
        RunFacts.JvmFloor f = RunFacts.jvmFloor(
                        Optional.of(SERIAL_GAUGES), "Prometheus at http://p", OptionalLong.empty())
                .orElseThrow();
        assertThat(f.floor().heapMaxMib()).isEqualTo(123.0);
        assertThat(f.source()).startsWith("jvm_memory_max_bytes").endsWith("from Prometheus at http://p");
    }

    @Test
    void anXmxWithoutGaugesIsAFloorOfTheHeapAlone() {
        RunFacts.JvmFloor f = RunFacts.jvmFloor(Optional.empty(), "the metrics endpoint", OptionalLong.of(1L << 30))
                .orElseThrow();
        assertThat(f.floor().floorMib()).isEqualTo(1024.0);
        assertThat(f.source()).contains("no JVM memory gauges");
    }

    @Test
    void neitherGivesNoFloor() {
        assertThat(RunFacts.jvmFloor(Optional.empty(), "the metrics endpoint", OptionalLong.empty()))
                .isEmpty();
    }
}
