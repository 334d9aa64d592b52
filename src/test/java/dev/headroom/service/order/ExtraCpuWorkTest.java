package dev.headroom.service.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/** The slower build burns what it is told, on the thread's own CPU clock, and nothing when off. */
class ExtraCpuWorkTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static long cpuNanosOf(Runnable r) {
        long start = THREADS.getCurrentThreadCpuTime();
        r.run();
        return THREADS.getCurrentThreadCpuTime() - start;
    }

    @Test
    void itBurnsAtLeastTheMicrosecondsAskedAndLittleMore() {
        ExtraCpuWork work = new ExtraCpuWork(20_000);
        work.burn(); // the first call compiles the loop
        long burned = cpuNanosOf(work::burn);
        assertThat(burned).isGreaterThanOrEqualTo(20_000_000L).isLessThan(30_000_000L);
    }

    @Test
    void offItCostsNothing() {
        ExtraCpuWork off = new ExtraCpuWork(0);
        assertThat(off.nanosPerOrder()).isZero();
        assertThat(cpuNanosOf(() -> {
                    for (int i = 0; i < 1000; i++) off.burn();
                }))
                .isLessThan(5_000_000L);
    }

    @Test
    void aNegativeOrHugeSettingIsRefusedAtStart() {
        assertThatThrownBy(() -> new ExtraCpuWork(-1)).hasMessageContaining(ExtraCpuWork.PROPERTY);
        assertThatThrownBy(() -> new ExtraCpuWork(2_000_000)).hasMessageContaining("0 to 1000000");
    }
}
