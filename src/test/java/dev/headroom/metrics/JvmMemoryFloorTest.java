package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import org.junit.jupiter.api.Test;

class JvmMemoryFloorTest {
    private static final double MIB = 1024 * 1024;

    /**
     * A G1 JVM's pools as Micrometer exports them (trimmed): eden and survivor have no maximum of their
     * own (-1), the old generation's is the heap's.
     */
    private static final String G1 =
            """
            # TYPE jvm_memory_max_bytes gauge
            jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
            jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 5.36870912E8
            jvm_memory_max_bytes{area="heap",id="G1 Survivor Space"} -1.0
            jvm_memory_max_bytes{area="nonheap",id="Metaspace"} -1.0
            jvm_memory_max_bytes{area="nonheap",id="CodeHeap 'non-profiled nmethods'"} 1.22028032E8
            # TYPE jvm_memory_committed_bytes gauge
            jvm_memory_committed_bytes{area="heap",id="G1 Old Gen"} 5.36870912E8
            jvm_memory_committed_bytes{area="nonheap",id="Metaspace"} 7.340032E7
            jvm_memory_committed_bytes{area="nonheap",id="Compressed Class Space"} 9437184.0
            jvm_memory_committed_bytes{area="nonheap",id="CodeHeap 'non-profiled nmethods'"} 1.6777216E7
            # TYPE jvm_buffer_memory_used_bytes gauge
            jvm_buffer_memory_used_bytes{id="direct"} 4194304.0
            jvm_buffer_memory_used_bytes{id="mapped"} 1.073741824E9
            jvm_buffer_memory_used_bytes{id="mapped - 'non-volatile memory'"} 0.0
            """;

    @Test
    void theHeapMaximumIsTheOldGenerationsUnderG1AndTheNonHeapIsWhatIsCommitted() {
        JvmMemoryFloor m = JvmMemoryFloor.read(PrometheusText.parse(G1)).orElseThrow();
        // 536870912 B = 512 MiB; the two -1 pools and the non-heap maxima are not counted
        assertThat(m.heapMaxMib()).isEqualTo(512.0);
        // 73400320 + 9437184 + 16777216 = 99614720 B = 95 MiB (the heap's committed is not counted)
        assertThat(m.nonHeapCommittedMib()).isEqualTo(95.0);
        // the direct pool's 4194304 B = 4 MiB; the 1 GiB mapped file is not counted
        assertThat(m.directBufferMib()).isEqualTo(4.0);
        assertThat(m.outsideHeapMib()).isEqualTo(99.0);
        // 512 + 95 + 4
        assertThat(m.floorMib()).isEqualTo(611.0);
    }

    /** A heap read off the command line replaces the gauges' and keeps the rest. */
    @Test
    void theCommandLinesHeapReplacesThePoolsSum() {
        JvmMemoryFloor m = JvmMemoryFloor.read(PrometheusText.parse(G1)).orElseThrow();
        JvmMemoryFloor xmx = m.withHeapMaxBytes(1024 * MIB);
        assertThat(xmx.heapMaxMib()).isEqualTo(1024.0);
        assertThat(xmx.floorMib()).isEqualTo(1024.0 + 95 + 4);
    }

    /**
     * The serial collector's pools each have a maximum: eden 34 MiB, one survivor 4 MiB and tenured
     * 85 MiB (a 128 MiB heap: its second survivor space is not a pool), 123 MiB summed by hand.
     */
    @Test
    void underTheSerialCollectorThePoolsMaximaAreSummed() {
        String serial =
                """
                jvm_memory_max_bytes{area="heap",id="Eden Space"} 3.5651584E7
                jvm_memory_max_bytes{area="heap",id="Survivor Space"} 4194304.0
                jvm_memory_max_bytes{area="heap",id="Tenured Gen"} 8.912896E7
                """;
        JvmMemoryFloor m = JvmMemoryFloor.read(PrometheusText.parse(serial)).orElseThrow();
        // 35651584 + 4194304 + 89128960 = 128974848 B = 123 MiB; no non-heap series: 0
        assertThat(m.heapMaxMib()).isEqualTo(123.0);
        assertThat(m.nonHeapCommittedMib()).isZero();
    }

    /**
     * Generational ZGC's two pools each report the whole heap (HotSpot zServiceability.cpp): the
     * heap maximum is 512 MiB, not their 1024 MiB sum; single-generation ZGC has one pool; the
     * Prometheus Java client 1.x writes one series for the whole area.
     */
    @Test
    void poolsThatEachReportTheWholeHeapAreNotSummed() {
        String generationalZgc =
                """
                jvm_memory_max_bytes{area="heap",id="ZGC Young Generation"} 5.36870912E8
                jvm_memory_max_bytes{area="heap",id="ZGC Old Generation"} 5.36870912E8
                jvm_memory_committed_bytes{area="nonheap",id="Metaspace"} 7.340032E7
                """;
        assertThat(JvmMemoryFloor.read(PrometheusText.parse(generationalZgc))
                        .orElseThrow()
                        .heapMaxMib())
                .isEqualTo(512.0);
        String zgc = "jvm_memory_max_bytes{area=\"heap\",id=\"ZHeap\"} 5.36870912E8\n";
        assertThat(JvmMemoryFloor.read(PrometheusText.parse(zgc)).orElseThrow().heapMaxMib())
                .isEqualTo(512.0);
        String clientJava = "jvm_memory_max_bytes{area=\"heap\"} 2.68435456E8\n"; // 256 MiB
        assertThat(JvmMemoryFloor.read(PrometheusText.parse(clientJava))
                        .orElseThrow()
                        .heapMaxMib())
                .isEqualTo(256.0);
    }

    /** Micrometer's own output for this JVM: the heap maximum it gives is the one the JVM reports. */
    @Test
    void onThisJvmMicrometersGaugesGiveTheJvmsOwnHeapMaximum() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        JvmMemoryFloor m =
                JvmMemoryFloor.read(PrometheusText.parse(registry.scrape())).orElseThrow();
        double heapMax =
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / MIB;
        // exact under G1; the serial and parallel collectors' pools sum to within a survivor space of it
        assertThat(m.heapMaxMib()).isCloseTo(heapMax, org.assertj.core.api.Assertions.withinPercentage(5));
        double nonHeapCommitted = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.NON_HEAP)
                        .mapToLong(p -> p.getUsage().getCommitted())
                        .sum()
                / MIB;
        // read a moment apart: the code cache may have grown between the scrape and this
        assertThat(m.nonHeapCommittedMib()).isPositive().isLessThanOrEqualTo(nonHeapCommitted);
        registry.close();
    }

    /** A direct buffer of 8 MiB taken by this JVM shows in the floor Micrometer's gauges give. */
    @Test
    void aDirectBufferThisJvmHoldsIsInItsFloor() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        double before = JvmMemoryFloor.read(PrometheusText.parse(registry.scrape()))
                .orElseThrow()
                .directBufferMib();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(8 * 1024 * 1024);
        double after = JvmMemoryFloor.read(PrometheusText.parse(registry.scrape()))
                .orElseThrow()
                .directBufferMib();
        // other tests of this JVM may free or take direct buffers meanwhile: at least most of the 8 MiB
        assertThat(after - before).isGreaterThanOrEqualTo(7.0);
        assertThat(buffer.capacity()).isEqualTo(8 * 1024 * 1024); // held until here
        registry.close();
    }

    @Test
    void aServiceThatIsNotAJvmHasNone() {
        String python =
                """
                process_resident_memory_bytes 3.3554432e+07
                process_cpu_seconds_total 12.5
                """;
        assertThat(JvmMemoryFloor.read(PrometheusText.parse(python))).isEmpty();
        // a pool reading +Inf is no size; a sum that is +Inf counts as not exported
        assertThat(JvmMemoryFloor.of(
                        java.util.List.of(new PrometheusText.Sample(
                                "jvm_memory_max_bytes", java.util.Map.of("area", "heap"), Double.POSITIVE_INFINITY)),
                        0,
                        0))
                .isEmpty();
        assertThat(JvmMemoryFloor.of(
                                java.util.List.of(new PrometheusText.Sample(
                                        "jvm_memory_max_bytes", java.util.Map.of("area", "heap"), 1024 * MIB)),
                                Double.POSITIVE_INFINITY,
                                Double.NaN)
                        .orElseThrow()
                        .floorMib())
                .isEqualTo(1024.0);
        // every heap pool undefined: no floor rather than a zero one
        assertThat(JvmMemoryFloor.read(
                        PrometheusText.parse("jvm_memory_max_bytes{area=\"heap\",id=\"G1 Eden Space\"} -1.0\n")))
                .isEmpty();
    }

    @Test
    void theNonHeapKeepsItsLargestReadingAndTheFloorIsPositive() {
        JvmMemoryFloor early = new JvmMemoryFloor(512 * MIB, 60 * MIB, 16 * MIB);
        JvmMemoryFloor late = new JvmMemoryFloor(512 * MIB, 95 * MIB, 2 * MIB);
        assertThat(early.max(late).nonHeapCommittedMib()).isEqualTo(95.0);
        assertThat(late.max(early).nonHeapCommittedMib()).isEqualTo(95.0);
        // each figure its own largest: the buffers' 16 MiB from the early reading
        assertThat(late.max(early).directBufferMib()).isEqualTo(16.0);
        assertThatThrownBy(() -> new JvmMemoryFloor(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JvmMemoryFloor(1, Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JvmMemoryFloor(1, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
