package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.load.warmup.WarmupWindow;
import dev.headroom.metrics.ServerSample;
import dev.headroom.scenario.LoadShape;
import dev.headroom.scenario.OpenLoad;
import dev.headroom.scenario.SearchLoad;
import dev.headroom.scenario.SettledWarmup;
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
    void aSettledStaircasesPoolKeepsItsHighestRateInFlight() {
        // top step 100 + 9 x 100 = 1000 req/s above a 400 req/s warm-up: 1000 x 0.25 s x 2 = 500
        OpenLoad staircase = OpenLoad.settled(new SettledWarmup(400, 15, 240), 100, 100, 10, 30, 5);
        assertThat(SearchDriver.poolUsers(staircase, SLO)).isEqualTo(500);
        // a warm-up above every step sets it: 1200 x 0.5 = 600
        OpenLoad low = OpenLoad.settled(new SettledWarmup(1200, 15, 240), 100, 100, 3, 30, 5);
        assertThat(SearchDriver.poolUsers(low, SLO)).isEqualTo(600);
    }

    @Test
    void aStaircaseShortOfItsLastStepIsIncompleteASearchNever() {
        OpenLoad staircase = OpenLoad.settled(new SettledWarmup(400, 15, 240), 100, 100, 10, 30, 5);
        SearchDriver driver = driver(staircase);
        assertThat(driver.incomplete(10)).isEmpty();
        assertThat(driver.incomplete(3))
                .contains("the staircase measured 3 of its 10 steps: the load ended before its last step");
        // a search's trials are as many as it needed: 3 of at most 20 is a whole search
        assertThat(driver(load(200, 1000)).incomplete(3)).isEmpty();
    }

    @Test
    void aLoadWithoutASettledWarmUpCannotBePaced() {
        OpenLoad timed = new OpenLoad(50, 90, 100, 100, 10, 30, 5);
        assertThatThrownBy(() -> driver(timed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("settled warm-up");
    }

    @Test
    void theShortestWarmUpThatCanSettleIsTheRisesAndTwoBlocksAtTheTop() {
        // 800 req/s: 100 -> 200 -> 400 -> 800, 3 rises, then 2 blocks of 2 windows: 7 x 15 s
        assertThat(SearchDriver.shortestSettleS(load(800, 5000).settledWarmup().orElseThrow()))
                .isEqualTo(105);
        // 4 req/s: from max(1, 0.5) = 1 -> 2 -> 4, 2 rises: 6 x 15 s
        assertThat(SearchDriver.shortestSettleS(load(4, 5000).settledWarmup().orElseThrow()))
                .isEqualTo(90);
        // 1 req/s: starts at its top, no rise: 4 x 15 s
        assertThat(SearchDriver.shortestSettleS(load(1, 5000).settledWarmup().orElseThrow()))
                .isEqualTo(60);
        // 9 req/s: 1.125 -> 2.25 -> 4.5 -> 9: 3 rises
        assertThat(SearchDriver.shortestSettleS(load(9, 5000).settledWarmup().orElseThrow()))
                .isEqualTo(105);
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
    void aBoostedWarmUpHoldsItsRateWhileTheServiceUsesNinetyPercentOfTheQuota() {
        SearchDriver driver = driver(load(800, 5000));
        // on 1.4 cores: bound from 0.9 x 1.4 = 1.26 cores
        assertThat(SearchDriver.quotaBound(1.26, 1.4)).isTrue();
        assertThat(SearchDriver.quotaBound(1.25, 1.4)).isFalse();
        // the 2026-12-06 quick window on 1 core: 400 req/s on 0.98 cores >= 0.9 -> held at 400
        WarmupWindow bound = new WarmupWindow(10, 400, 400, 0.98, Double.NaN, 0.007);
        assertThat(driver.roomFor(bound, 400, 1.0)).isEqualTo(400);
        // the same window on 1.4 cores (0.98 < 1.26) doubles: 400 -> 800
        assertThat(driver.roomFor(bound, 400, 1.4)).isEqualTo(800);
        // not boosted (NaN): the CPU does not hold the rate (the compiler's CPU counts as the service's)
        assertThat(driver.roomFor(bound, 400, Double.NaN)).isEqualTo(800);
        // no CPU measured: nothing holds it either
        WarmupWindow noCpu = new WarmupWindow(10, 400, 400, Double.NaN, Double.NaN, 0.007);
        assertThat(driver.roomFor(noCpu, 400, 1.4)).isEqualTo(800);
    }

    @Test
    void aWarmUpThatFellBehindHalvesDownToAQuarterOfItsStartAndNoFurther() {
        SearchDriver driver = driver(load(400, 5000));
        // starts at 400 / 8 = 50; floor 400 / 32 = 12.5
        assertThat(driver.warmupFloor()).isEqualTo(12.5);
        assertThat(driver.lowerAfterFallingBehind(50)).isEqualTo(25);
        assertThat(driver.lowerAfterFallingBehind(25)).isEqualTo(12.5);
        // at the floor it stays there: 12.5 / 2 = 6.25 < 12.5
        assertThat(driver.lowerAfterFallingBehind(12.5)).isEqualTo(12.5);
        // a tiny warm-up: 20 / 32 = 0.625, raised to 1 req/s
        assertThat(driver(load(20, 100)).warmupFloor()).isEqualTo(1);
    }

    @Test
    void theServiceIsQuietAtAQuarterOfItsBudgetOrAtTwentiethOfACore() {
        // budget 0.5 cores: quiet at 0.5 / 4 = 0.125 cores
        assertThat(driver(load(400, 5000), 0.5).quietCores()).isEqualTo(0.125);
        // budget 0.1: 0.025 is below the 0.05 floor (a JVM at rest reads about that)
        assertThat(driver(load(400, 5000), 0.1).quietCores()).isEqualTo(0.05);
        // no budget known
        assertThat(driver(load(400, 5000)).quietCores()).isEqualTo(0.05);
    }

    @Test
    void theSearchStartsWhereTheLastWarmUpWindowPutsTheServiceAtSixtyPercentOfItsBudget() {
        // 400 req/s done on 0.28 cores: D = 0.7 ms; 0.6 x 0.5 cores / 0.0007 s = 428.6 req/s > 400: 400
        assertThat(SearchDriver.searchStart(400, new WarmupWindow(15, 400, 400, 0.28, Double.NaN, 0.003), 0.5))
                .isEqualTo(400);
        // the same window, budget 0.25: 0.6 x 0.25 / 0.0007 = 214.3 req/s, rounded down to whole req/s
        assertThat(SearchDriver.searchStart(400, new WarmupWindow(15, 400, 400, 0.28, Double.NaN, 0.003), 0.25))
                .isEqualTo(214);
        // no budget known, or no CPU measured: the warm-up's own rate
        assertThat(SearchDriver.searchStart(400, new WarmupWindow(15, 400, 400, 0.28, Double.NaN, 0.003), Double.NaN))
                .isEqualTo(400);
        assertThat(SearchDriver.searchStart(400, new WarmupWindow(15, 400, 400, Double.NaN, Double.NaN, 0.003), 0.25))
                .isEqualTo(400);
    }

    @Test
    void theWarmUpRunsOnSevenTenthsOfTheHostsCoresButNeverBelowTheBudget() {
        // 2 cores, budget 0.5: 0.7 x 2 = 1.4 cores
        assertThat(WarmupBoost.warmupCores(0.5, 2)).isCloseTo(1.4, within(1e-12));
        // budget 1 on 2 cores: 1.4, raised
        assertThat(WarmupBoost.warmupCores(1, 2)).isCloseTo(1.4, within(1e-12));
        // budget 1.5 on 2 cores: the budget, never less; nothing to raise
        assertThat(WarmupBoost.warmupCores(1.5, 2)).isEqualTo(1.5);
        assertThat(new WarmupBoost(1.5, 1.5, "cgroup-v2", cores -> {}).raises()).isFalse();
        // 1 core, budget 0.25: 0.7
        assertThat(WarmupBoost.warmupCores(0.25, 1)).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void theHostHoldsABudgetWhileTheServiceAndEverythingElseFitInNinetyPercentOfItsUsableCores() {
        // service 0.5 cores, host busy 1.3 (others 0.8), 2 cores: E/D = 0.8 / 0.5 = 1.6;
        // 0.9 x (2 - 0.1) / (1 + 1.6) = 1.71 / 2.6 = 0.6577 cores
        assertThat(SearchDriver.hostBudget(0.5, 1.3, 2)).isCloseTo(0.6577, within(1e-4));
        // the others use as much as the service: 0.9 x 1.9 / 2 = 0.855
        assertThat(SearchDriver.hostBudget(0.95, 1.9, 2)).isCloseTo(0.855, within(1e-9));
        // nothing else on the host: 0.9 x 1.9 = 1.71
        assertThat(SearchDriver.hostBudget(0.7, 0.7, 2)).isCloseTo(1.71, within(1e-9));
        // not measured, or a host busy with less than the service (a sampling mismatch): no answer
        assertThat(SearchDriver.hostBudget(Double.NaN, 1.3, 2)).isNaN();
        assertThat(SearchDriver.hostBudget(0.5, 0.4, 2)).isNaN();
    }

    @Test
    void aBudgetTheHostCannotHoldIsLoweredInTwentiethsOfACoreAndRecorded() {
        List<Double> lowered = new java.util.ArrayList<>();
        WarmupBoost.Quota quota = new WarmupBoost.Quota() {
            @Override
            public void set(double cores) {}

            @Override
            public boolean lower(double cores, String why) {
                lowered.add(cores);
                return true;
            }
        };
        // budget 1 core; at the warm-up's end the service used 0.5 and the rest 0.8 of 2 cores:
        // at most 0.6577 (above), rounded down to 0.65
        SearchDriver driver = driver(load(400, 5000), 1.0);
        var json = driver.fitBudgetToHost(new WarmupBoost(1, 1, "cgroup-v2", quota), figures(0.5, 1.3, 0.7));
        assertThat(lowered).containsExactly(0.65);
        assertThat(json).containsEntry("decision", "lowered").containsEntry("lowered_to_cores", 0.65);
        assertThat(driver.cpuBudgetCores()).isEqualTo(0.65);
        // budget 0.5 under the same figures: 0.5 < 0.6577, kept
        SearchDriver kept = driver(load(400, 5000), 0.5);
        assertThat(kept.fitBudgetToHost(new WarmupBoost(0.5, 1, "cgroup-v2", quota), figures(0.5, 1.3, 0.7)))
                .containsEntry("decision", "kept");
        assertThat(kept.cpuBudgetCores()).isEqualTo(0.5);
        // a run that does not allow lowering (the default Quota, as -Dheadroom.budget-to-host=off): kept, said
        SearchDriver off = driver(load(400, 5000), 1.0);
        assertThat(off.fitBudgetToHost(new WarmupBoost(1, 1, "cgroup-v2", cores -> {}), figures(0.5, 1.3, 0.7)))
                .containsEntry("decision", "kept_by_setting");
        assertThat(off.cpuBudgetCores()).isEqualTo(1.0);
        assertThat(lowered).hasSize(1);
    }

    private static dev.headroom.metrics.ServerFigures figures(double app, double hostBusy, double hostIdle) {
        return dev.headroom.metrics.ServerFigures.builder()
                .appCpuCores(app)
                .hostBusyCores(hostBusy)
                .hostIdleCores(hostIdle)
                .build();
    }

    @Test
    void theJitsCompileTimeIsTheGrowthOfItsCounterOverTheSamplesThatHaveIt() {
        // 1200 ms at the first sample with it (t = 1 s), 1450 at the last (t = 3 s): 250 ms over 2 s;
        // a missed scrape (NaN) is skipped. Over a 4 s window that is 250 / 2 x 4 = 500 ms
        List<ServerSample> samples = List.of(jit(0, Double.NaN), jit(1, 1200), jit(2, Double.NaN), jit(3, 1450));
        assertThat(SearchDriver.jitCompileMs(samples, 4)).isEqualTo(500);
        assertThat(SearchDriver.jitCompileMs(samples, 2)).isEqualTo(250);
        assertThat(SearchDriver.jitCompileMs(List.of(jit(0, 1200)), 4)).isNaN(); // one reading is no growth
        // 2 s of a 5 s window is under half of it: too little to stand for the window, as for the CPU
        assertThat(SearchDriver.jitCompileMs(samples, 5)).isNaN();
    }

    private static SearchDriver driver(LoadShape load) {
        return driver(load, Double.NaN);
    }

    private static SearchDriver driver(LoadShape load, double cpuBudgetCores) {
        return new SearchDriver(
                load,
                SLO,
                10,
                cpuBudgetCores,
                java.util.Optional.empty(),
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
                (long) (t * 1e9),
                true,
                true,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                jitMs,
                n,
                n,
                n,
                n,
                n);
    }
}
