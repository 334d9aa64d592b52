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

    /** The heap maximum the floor records for {@code gauges} and the {@code -Xmx} read, in MiB. */
    private static double recordedHeapMib(JvmMemoryFloor gauges, OptionalLong xmxBytes) {
        return RunFacts.jvmFloor(Optional.of(gauges), "x", xmxBytes)
                .orElseThrow()
                .floor()
                .heapMaxMib();
    }

    @Test
    void theCommandLinesXmxReplacesThePoolsSumAndKeepsTheRest() {
        RunFacts.JvmFloor f = RunFacts.jvmFloor(
                        Optional.of(SERIAL_GAUGES), "the metrics endpoint", OptionalLong.of(128L << 20))
                .orElseThrow();
        assertThat(f.floor().heapMaxMib()).isEqualTo(128.0);
        // 128 + 40 + 2
        assertThat(f.floor().floorMib()).isEqualTo(170.0);
        assertThat(f.source()).startsWith("-Xmx").endsWith("from the metrics endpoint");
        assertThat(f.gaugesRead()).isTrue();
    }

    /**
     * An -Xmx the gauges do not bear out was misread (an @argfile, an option Headroom did not read):
     * 2 GiB read, 123 MiB reported, the gauges stand and the source says why.
     */
    @Test
    void anXmxTheGaugesDoNotBearOutIsNotUsed() {
        RunFacts.JvmFloor f = RunFacts.jvmFloor(
                        Optional.of(SERIAL_GAUGES), "the metrics endpoint", OptionalLong.of(2L << 30))
                .orElseThrow();
        assertThat(f.floor().heapMaxMib()).isEqualTo(123.0);
        assertThat(f.source()).contains("2048 MiB", "123 MiB", "gauges are kept");
        // below: 123 is within 15 % of 128 (used above); 100 MiB is not (100 < 0.85 x 128 = 108.8)
        JvmMemoryFloor small = new JvmMemoryFloor(100 * MIB, 40 * MIB, 0);
        assertThat(recordedHeapMib(small, OptionalLong.of(128L << 20))).isEqualTo(100.0);
        // above by HotSpot's alignment (at most a 32 MiB region): taken; 1 GiB above a 512 MiB flag: not
        JvmMemoryFloor aligned = new JvmMemoryFloor(544 * MIB, 40 * MIB, 0);
        assertThat(recordedHeapMib(aligned, OptionalLong.of(512L << 20))).isEqualTo(512.0);
        JvmMemoryFloor larger = new JvmMemoryFloor(1536 * MIB, 40 * MIB, 0);
        assertThat(recordedHeapMib(larger, OptionalLong.of(512L << 20))).isEqualTo(1536.0);
    }

    @Test
    void aZeroXmxIsNoXmx() {
        assertThat(recordedHeapMib(SERIAL_GAUGES, OptionalLong.of(0))).isEqualTo(123.0);
        assertThat(RunFacts.jvmFloor(Optional.empty(), "x", OptionalLong.of(0))).isEmpty();
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
        assertThat(f.gaugesRead()).isFalse();
        // run.json leaves out what was not read rather than write zeros
        dev.headroom.results.RunJson.ServiceJvmMemory json =
                RunFacts.serviceJvmMemory(f, new JvmHeapOrigin(true, "-Xmx"));
        assertThat(json.heapMaxMib()).isEqualTo(1024.0);
        assertThat(json.nonHeapCommittedMib()).isNull();
        assertThat(json.directBuffersMib()).isNull();
        assertThat(json.floorMib()).isEqualTo(1024.0);
    }

    @Test
    void neitherGivesNoFloor() {
        assertThat(RunFacts.jvmFloor(Optional.empty(), "the metrics endpoint", OptionalLong.empty()))
                .isEmpty();
    }
}
