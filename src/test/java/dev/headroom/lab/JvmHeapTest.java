package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JvmHeapTest {
    @Test
    void theLastHeapFlagBeforeTheMainClassWinsAndTheEnvironmentComesFirst() {
        // JAVA_TOOL_OPTIONS says 1g; the command line's -Xmx512m comes after it and wins (512 x 2^20).
        // -Xmx2g after the main class is the application's argument, not the JVM's.
        JvmHeap heap = JvmHeap.of(
                        "java",
                        List.of("-Xms512m", "-Xmx512m", "-cp", "-Xmx8g.jar", "com.example.App", "-Xmx2g"),
                        " -Xmx1g")
                .orElseThrow();
        assertThat(heap.maxHeapBytes()).hasValue(512L << 20);
        assertThat(heap.preTouched()).isFalse();
        assertThat(heap.note()).hasValueSatisfying(n -> assertThat(n)
                .contains("up to 512 MiB", "not pre-touched", "-XX:+AlwaysPreTouch", "replica.memory_mib"));
        assertThat(heap.facts()).containsEntry("max_heap_mib", 512L).containsEntry("pre_touched", false);
    }

    /**
     * HotSpot applies JAVA_TOOL_OPTIONS, then JDK_JAVA_OPTIONS (the launcher's, in front of the
     * command line), then the command line, then _JAVA_OPTIONS: the last -Xmx wins whatever order
     * the environment lists them in.
     */
    @Test
    void theEnvironmentsOptionsTakeHotSpotsOrder() {
        JvmHeap.JavaOptions env = JvmHeap.JavaOptions.of(
                List.of("JDK_JAVA_OPTIONS=-Xmx2g", "PATH=/usr/bin", "JAVA_TOOL_OPTIONS=-Xmx1g -XX:+AlwaysPreTouch"));
        assertThat(env.beforeCommandLine().trim()).isEqualTo("-Xmx1g -XX:+AlwaysPreTouch -Xmx2g");
        // JDK_JAVA_OPTIONS after JAVA_TOOL_OPTIONS: 2 GiB
        assertThat(JvmHeap.of("java", List.of("-jar", "app.jar"), env)
                        .orElseThrow()
                        .maxHeapBytes())
                .hasValue(2L << 30);
        // the command line after both
        assertThat(JvmHeap.of("java", List.of("-Xmx512m", "-jar", "app.jar"), env)
                        .orElseThrow()
                        .maxHeapBytes())
                .hasValue(512L << 20);
        // _JAVA_OPTIONS after the command line
        JvmHeap.JavaOptions last = JvmHeap.JavaOptions.of(List.of("_JAVA_OPTIONS=-Xmx3g", "JAVA_TOOL_OPTIONS=-Xmx1g"));
        assertThat(JvmHeap.of("java", List.of("-Xmx512m", "-jar", "app.jar"), last)
                        .orElseThrow()
                        .maxHeapBytes())
                .hasValue(3L << 30);
        assertThat(JvmHeap.of("java", List.of("-jar", "app.jar"), JvmHeap.JavaOptions.NONE)
                        .orElseThrow()
                        .maxHeapBytes())
                .isEmpty();
    }

    @Test
    void aPreTouchedHeapHasNothingToSay() {
        JvmHeap heap = JvmHeap.of("java", List.of("-XX:MaxHeapSize=2G", "-XX:+AlwaysPreTouch", "-jar", "app.jar"), "")
                .orElseThrow();
        assertThat(heap.maxHeapBytes()).hasValue(2L << 30);
        assertThat(heap.preTouched()).isTrue();
        assertThat(heap.note()).isEmpty();
        assertThat(heap.facts()).doesNotContainKey("note");
        // the command line turns it off again after the environment turned it on
        assertThat(JvmHeap.of("java", List.of("-XX:-AlwaysPreTouch", "-jar", "app.jar"), "-XX:+AlwaysPreTouch")
                        .orElseThrow()
                        .preTouched())
                .isFalse();
    }

    @Test
    void withoutAnXmxTheDefaultMaximumIsNamedAndANonJvmHasNoHeap() {
        JvmHeap heap =
                JvmHeap.of("java", List.of("-jar", "app.jar", "-Xmx4g"), "").orElseThrow();
        assertThat(heap.maxHeapBytes()).isEmpty();
        assertThat(heap.note()).hasValueSatisfying(n -> assertThat(n).contains("the JVM's default maximum"));
        assertThat(heap.facts()).containsEntry("max_heap_mib", "jvm default");
        assertThat(JvmHeap.of("python3", List.of("-m", "http.server"), "")).isEmpty();
    }

    @Test
    void hotSpotSizesInEveryUnitAndNonsenseIsNoSize() {
        assertThat(JvmHeap.bytes("1048576")).hasValue(1L << 20);
        assertThat(JvmHeap.bytes("64k")).hasValue(64L << 10);
        assertThat(JvmHeap.bytes("768M")).hasValue(768L << 20);
        assertThat(JvmHeap.bytes("1t")).hasValue(1L << 40);
        assertThat(JvmHeap.bytes("")).isEqualTo(OptionalLong.empty());
        assertThat(JvmHeap.bytes("lots")).isEmpty();
        assertThat(JvmHeap.bytes("99999999999999t")).isEmpty(); // overflows a long
    }
}
