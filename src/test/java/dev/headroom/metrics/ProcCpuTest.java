package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProcCpuTest {

    @Test
    void readsUtimeAndStimeAfterACommandNameHoldingSpacesAndParentheses() {
        // proc(5): pid (comm) state ppid ... field 14 utime, field 15 stime, in clock ticks
        String stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 1 0 0";
        assertThat(ProcCpu.parseProcessCpuS(stat)).isCloseTo(3.0, within(1e-9)); // (250 + 50) / 100
    }

    @Test
    void hostBusyExcludesIdleAndIowait() {
        // cpu user nice system idle iowait irq softirq steal guest guest_nice
        ProcCpu.HostCpu host = ProcCpu.parseHost("cpu  100 0 50 800 50 0 0 0 0 0");
        assertThat(host.totalS()).isCloseTo(10.0, within(1e-9));
        assertThat(host.busyS()).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void ownCpuTimeAgreesWithTheJvmsAccounting() {
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long pid = ProcessHandle.current().pid();
        double procBefore = ProcCpu.processCpuS(pid).orElseThrow();
        double jvmBefore = os.getProcessCpuTime() / 1e9;
        long x = 0;
        // 0.3 s of this JVM's CPU rather than of the wall clock: on a busy host (mvn test beside other
        // builds) 0.3 s of wall time gave this thread as little as 0.08 s of CPU
        long until = System.nanoTime() + 30_000_000_000L;
        while (os.getProcessCpuTime() / 1e9 - jvmBefore < 0.3 && System.nanoTime() < until)
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        double procDelta = ProcCpu.processCpuS(pid).orElseThrow() - procBefore;
        double jvmDelta = os.getProcessCpuTime() / 1e9 - jvmBefore;
        assertThat(x).isNotNegative();
        // two views of the same counter; /proc's unit is a 10 ms tick
        assertThat(procDelta).isGreaterThan(0.1).isCloseTo(jvmDelta, within(0.05));
    }

    @Test
    void aProcessThatIsGoneHasNoCpuFigure() {
        assertThat(ProcCpu.processCpuS(Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    void residentMemoryIsReadInKilobytesFromStatus() {
        assertThat(ProcCpu.parseKb("VmRSS:\t  123456 kB")).isEqualTo(123456);
        assertThatThrownBy(() -> ProcCpu.parseKb("VmRSS: 12 MB")).isInstanceOf(IllegalArgumentException.class);
        // this JVM's own RSS: more than its heap in use, less than the host's memory
        double rss = ProcCpu.residentBytes(ProcessHandle.current().pid()).orElseThrow();
        Runtime rt = Runtime.getRuntime();
        assertThat(rss).isGreaterThan(rt.totalMemory() - rt.freeMemory()).isLessThan(64.0 * 1024 * 1024 * 1024);
    }
}
