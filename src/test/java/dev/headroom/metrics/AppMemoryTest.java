package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AppMemoryTest {
    /** A Spring Boot service's scrape (Micrometer 1.13, trimmed): one committed series per memory pool. */
    private static final String MICROMETER =
            """
            # TYPE jvm_memory_committed_bytes gauge
            jvm_memory_committed_bytes{area="heap",id="G1 Eden Space"} 4.194304E7
            jvm_memory_committed_bytes{area="heap",id="G1 Old Gen"} 2.097152E7
            jvm_memory_committed_bytes{area="nonheap",id="Metaspace"} 5.2428800E7
            jvm_memory_committed_bytes{area="nonheap",id="CodeHeap 'non-nmethods'"} 2555904.0
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
            """;

    /** A Go service's scrape (the Prometheus client library's process collector). */
    private static final String GO_CLIENT =
            """
            # TYPE process_resident_memory_bytes gauge
            process_resident_memory_bytes 3.3554432e+07
            """;

    @Test
    void theProcessResidentSetComesFirst() {
        AppMemory.Reading r = AppMemory.read(100 * 1024 * 1024, PrometheusText.parse(GO_CLIENT + MICROMETER));
        assertThat(r.source()).isEqualTo(AppMemory.Source.PROC_VMRSS);
        assertThat(r.mib()).isEqualTo(100.0);
    }

    @Test
    void withoutAPidTheEndpointsResidentMemoryThenTheJvmsCommittedMemory() {
        AppMemory.Reading go = AppMemory.read(Double.NaN, PrometheusText.parse(GO_CLIENT + MICROMETER));
        assertThat(go.source()).isEqualTo(AppMemory.Source.PROCESS_RESIDENT_MEMORY_BYTES);
        assertThat(go.mib()).isEqualTo(32.0); // 33554432 B = 32 x 1048576

        AppMemory.Reading jvm = AppMemory.read(Double.NaN, PrometheusText.parse(MICROMETER));
        assertThat(jvm.source()).isEqualTo(AppMemory.Source.JVM_MEMORY_COMMITTED);
        // every pool, heap and non-heap: 41943040 + 20971520 + 52428800 + 2555904 = 117899264 B
        // (the used series is not counted)
        assertThat(jvm.bytes()).isEqualTo(117_899_264.0);
    }

    @Test
    void noSourceIsNoneAndNotZero() {
        AppMemory.Reading none = AppMemory.read(Double.NaN, PrometheusText.parse("http_requests_total 3\n"));
        assertThat(none.source()).isEqualTo(AppMemory.Source.NONE);
        assertThat(none.bytes()).isNaN();
        assertThat(AppMemory.Source.JVM_MEMORY_COMMITTED.key()).isEqualTo("jvm_memory_committed");
    }

    @Test
    void aReadingHasBytesExactlyWhenItHasASource() {
        assertThatThrownBy(() -> new AppMemory.Reading(Double.NaN, AppMemory.Source.PROC_VMRSS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AppMemory.Reading(1, AppMemory.Source.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AppMemory.Reading(-1, AppMemory.Source.PROC_VMRSS))
                .hasMessageContaining(">= 0");
    }
}
