package dev.headroom.service.order;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A deliberately slower build, for demonstrating and testing regression detection: each order
 * burns {@code headroom.demo.extra-cpu-us-per-order} microseconds of this thread's CPU inside its
 * transaction, so it costs that much more CPU and holds its connection at least that much longer,
 * as a commit that added work to the order path would. Off (0) unless the lab is told otherwise,
 * and recorded in run.json when it is on.
 *
 * <p>The work is measured on the thread's own CPU clock, not the wall clock: under a CPU quota a
 * throttled thread would otherwise be charged for time it spent waiting, and the extra demand per
 * order would depend on the load.
 */
@Component
class ExtraCpuWork {
    static final String PROPERTY = "headroom.demo.extra-cpu-us-per-order";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long nanosPerOrder;
    private volatile long sink; // keeps the JIT from proving the loop useless

    ExtraCpuWork(@Value("${" + PROPERTY + ":0}") long microsPerOrder) {
        if (microsPerOrder < 0 || microsPerOrder > 1_000_000)
            throw new IllegalArgumentException(
                    PROPERTY + " must be from 0 to 1000000 microseconds, was " + microsPerOrder);
        this.nanosPerOrder = microsPerOrder * 1000;
    }

    long nanosPerOrder() {
        return nanosPerOrder;
    }

    /** Burns the configured CPU time on the calling thread; returns at once when it is 0. */
    void burn() {
        if (nanosPerOrder == 0) return;
        long end = THREADS.getCurrentThreadCpuTime() + nanosPerOrder;
        long x = sink | 1;
        do {
            for (int i = 0; i < 2_000; i++) x = x * 6364136223846793005L + 1442695040888963407L; // an LCG step
        } while (THREADS.getCurrentThreadCpuTime() < end);
        sink = x;
    }
}
