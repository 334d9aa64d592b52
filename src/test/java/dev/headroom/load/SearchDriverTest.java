package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.load.warmup.WarmupWindow;
import dev.headroom.metrics.ServerSample;
import dev.headroom.scenario.SearchLoad;
import dev.headroom.scenario.Slo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure rules of {@link SearchDriver}: the pool's size, the warm-up's rises, the JIT's share. */
class SearchDriverTest {
    private static final Slo SLO = new Slo(100, 250, 0.01);

    private static SearchLoad load(double warmupRps, double maxRps) {
        return new SearchLoad(warmupRps, 15, 135, Double.NaN, maxRps, 0.05, 10, 20, 2, 20, 600, 2);
    }

    @Test
    void thePoolKeepsTheMaximumRateInFlightAtTwiceTheP99WithinItsBounds() {
        // 1000 req/s x 0.25 s x 2 = 500 users (Little's law)
        assertThat(SearchDriver.poolUsers(load(200, 1000), SLO)).isEqualTo(500);
        // 5000 x 0.25 x 2 = 2500: capped at 1000
        assertThat(SearchDriver.poolUsers(load(200, 5000), SLO)).isEqualTo(1000);
        // 20 x 0.25 x 2 = 10: raised to 32
        assertThat(SearchDriver.poolUsers(load(10, 20), SLO)).isEqualTo(32);
    }

    @Test
    void theWarmUpDoublesOnlyWhileItKeepsUpFarFromTheSlosLatency() {
        SearchDriver driver = driver(load(400, 5000));
        // kept up, mean latency 3 ms < 100 / 4 = 25 ms: 50 -> 100
        assertThat(driver.roomFor(window(50, 50, 0.003), 50)).isEqualTo(100);
        // never above warmup_rps: 300 -> 400, not 600
        assertThat(driver.roomFor(window(300, 300, 0.003), 300)).isEqualTo(400);
        // mean latency 30 ms >= 25 ms: stays
        assertThat(driver.roomFor(window(100, 100, 0.030), 100)).isEqualTo(100);
        // completed 90 of 100 (< 95 %): stays (the detector then says it fell behind)
        assertThat(driver.roomFor(window(100, 90, 0.003), 100)).isEqualTo(100);
    }

    @Test
    void theJitsCompileTimeIsTheGrowthOfItsCounterOverTheSamplesThatHaveIt() {
        // 1200 ms at the first sample with it, 1450 at the last: 250 ms; a missed scrape (NaN) is skipped
        List<ServerSample> samples = List.of(jit(0, Double.NaN), jit(1, 1200), jit(2, Double.NaN), jit(3, 1450));
        assertThat(SearchDriver.jitCompileMs(samples)).isEqualTo(250);
        assertThat(SearchDriver.jitCompileMs(List.of(jit(0, 1200)))).isNaN(); // one reading is no growth
    }

    private static SearchDriver driver(SearchLoad load) {
        return new SearchDriver(
                load,
                SLO,
                10,
                Double.NaN,
                null,
                null,
                null,
                () -> 0L,
                null,
                step -> java.util.Optional.empty(),
                () -> false,
                line -> {});
    }

    private static WarmupWindow window(double offered, double done, double latencyS) {
        return new WarmupWindow(15, offered, done, 0.3, Double.NaN, latencyS);
    }

    private static ServerSample jit(double t, double jitMs) {
        double n = Double.NaN;
        return new ServerSample(
                (long) (t * 1e9), true, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, jitMs);
    }
}
