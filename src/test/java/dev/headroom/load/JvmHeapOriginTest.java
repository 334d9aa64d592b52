package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.lab.JvmHeap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JvmHeapOriginTest {
    private static final double HOST_MIB = 24_000; // the JVM's default heap here: 25 % = 6000 MiB

    @Test
    void theLabsServiceAndAnXmxOnTheCommandLineAreSet() {
        assertThat(JvmHeapOrigin.of(true, Optional.empty(), 512, HOST_MIB).set())
                .isTrue();
        Optional<JvmHeap> xmx = JvmHeap.of("java", List.of("-Xmx512m", "-jar", "app.jar"), "");
        assertThat(JvmHeapOrigin.of(false, xmx, 512, HOST_MIB).set()).isTrue();
    }

    @Test
    void aJvmWithoutXmxHasTheDefaultHeapAndItIsNoFloor() {
        Optional<JvmHeap> plain = JvmHeap.of("java", List.of("-jar", "app.jar"), "");
        JvmHeapOrigin o = JvmHeapOrigin.of(false, plain, 6000, HOST_MIB);
        assertThat(o.set()).isFalse();
        assertThat(o.why()).contains("no -Xmx");
    }

    /**
     * A process not seen (a container) is judged by its heap against 25 % of this host's memory:
     * 6000 MiB exactly, and 5850 (2.5 % under, HotSpot's alignment), are the default; 5000 is not.
     */
    @Test
    void unseenItIsTheDefaultWhenItIsAQuarterOfThisHostsMemory() {
        assertThat(JvmHeapOrigin.of(false, Optional.empty(), 6000, HOST_MIB).set())
                .isFalse();
        assertThat(JvmHeapOrigin.of(false, Optional.empty(), 5850, HOST_MIB).set())
                .isFalse();
        assertThat(JvmHeapOrigin.of(false, Optional.empty(), 5000, HOST_MIB).set())
                .isTrue();
        assertThat(JvmHeapOrigin.of(false, Optional.empty(), 512, Double.NaN).set())
                .isTrue();
    }
}
