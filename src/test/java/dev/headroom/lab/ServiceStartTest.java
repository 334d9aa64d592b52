package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up the sizer reads after a start on more CPU than the budget ({@link ServiceProcess.Launch#startupMsOn}). */
class ServiceStartTest {
    private static ServiceProcess.Launch launch(long wallMs, double startCores, long cpuMs) {
        return new ServiceProcess.Launch("17", List.of(), 1, 2, wallMs, startCores, cpuMs);
    }

    @Test
    void aStartOnMoreCpuIsReadAsItsCpuTimeOverTheBudget() {
        // ready after 11,000 ms on 1.4 cores with 13,000 ms of CPU: on 0.5 cores the JVM runs
        // quota-bound, 13,000 / 0.5 = 26,000 ms; on 0.25, 13,000 / 0.25 = 52,000 ms
        ServiceProcess.Launch boosted = launch(11_000, 1.4, 13_000);
        assertThat(boosted.startupMsOn(0.5)).isEqualTo(26_000);
        assertThat(boosted.startupMsOn(0.25)).isEqualTo(52_000);
    }

    @Test
    void neverShorterThanTheStartMeasured() {
        // 13,000 / 1.3 = 10,000 ms of quota-bound time, but the start took 11,000: the main thread
        // cannot use 1.3 cores at once, so the measured 11,000 stands
        assertThat(launch(11_000, 1.4, 13_000).startupMsOn(1.3)).isEqualTo(11_000);
    }

    @Test
    void aStartOnTheBudgetOrWithoutItsCpuIsTheStartMeasured() {
        assertThat(launch(26_300, 0.5, 13_100).startupMsOn(0.5)).isEqualTo(26_300); // started on the budget
        assertThat(launch(9_000, Double.NaN, 8_000).startupMsOn(0.5)).isEqualTo(9_000); // no quota at start
        assertThat(launch(11_000, 1.4, -1).startupMsOn(0.5)).isEqualTo(11_000); // CPU time not reported
        assertThat(launch(11_000, 1.4, 13_000).startupMsOn(Double.NaN)).isEqualTo(11_000); // no budget
    }
}
