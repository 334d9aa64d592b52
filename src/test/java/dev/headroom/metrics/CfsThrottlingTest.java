package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfsThrottlingTest {
    @Test
    void readsCgroupV1AndV2InTheirOwnUnits() {
        // v1 (this host's cpu controller): throttled_time in nanoseconds, 2.5e9 ns = 2.5 s
        CfsThrottling v1 = CfsThrottling.parse("nr_periods 1200\nnr_throttled 300\nthrottled_time 2500000000\n");
        assertThat(v1.periods()).isEqualTo(1200);
        assertThat(v1.throttledPeriods()).isEqualTo(300);
        assertThat(v1.throttledS()).isCloseTo(2.5, within(1e-12));
        // v2: usage first, throttled_usec in microseconds, 1,500,000 us = 1.5 s; the v2 "nr_bursts"
        // lines of newer kernels are not ours
        CfsThrottling v2 = CfsThrottling.parse("usage_usec 9000000\nuser_usec 8000000\nsystem_usec 1000000\n"
                + "nr_periods 40\nnr_throttled 10\nthrottled_usec 1500000\nnr_bursts 0\nburst_usec 0\n");
        assertThat(v2.periods()).isEqualTo(40);
        assertThat(v2.throttledPeriods()).isEqualTo(10);
        assertThat(v2.throttledS()).isCloseTo(1.5, within(1e-12));
        // a cgroup v2 without the cpu controller has usage only
        assertThat(CfsThrottling.parse("usage_usec 5\n").periods()).isNaN();
    }

    @Test
    void aMissingFileIsNotMeasured(@TempDir Path dir) throws Exception {
        assertThat(CfsThrottling.read(Optional.empty())).isEqualTo(CfsThrottling.UNMEASURED);
        assertThat(CfsThrottling.read(Optional.of(dir.resolve("gone")))).isEqualTo(CfsThrottling.UNMEASURED);
        Files.writeString(dir.resolve("cpu.stat"), "nr_periods 7\nnr_throttled 1\nthrottled_time 0\n");
        assertThat(CfsThrottling.read(Optional.of(dir.resolve("cpu.stat"))).periods())
                .isEqualTo(7);
    }
}
