package dev.headroom.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scenarios in the project's {@code scenarios/} directory, as they are shipped. */
class ShippedScenariosTest {
    /** Surefire runs tests in the project's base directory. */
    static final Path SCENARIOS = Path.of("scenarios");

    @Test
    void theShippedScenariosAreTheTwoSearchesAndTheThreeFixedShapes() {
        assertThat(ScenarioLoader.available(SCENARIOS))
                .containsExactly("breakpoint", "default", "nightly", "quick", "staircase");
    }

    @Test
    void nightlyClimbsPastTheKneeAtHalfACpuAndAssertsItsSloAtTheMiddleStep() {
        Scenario nightly = ScenarioLoader.load("nightly", SCENARIOS);
        assertThat(nightly.service().cpus()).hasValue(0.5);
        assertThat(nightly.load().plan()).hasSize(8);
        assertThat(nightly.load().plan().get(0).offered()).isEqualTo(200);
        assertThat(nightly.load().plan().get(7).offered()).isEqualTo(900);
        assertThat(nightly.load().totalDurationS()).isEqualTo(324);
        assertThat(nightly.requestTimeoutS()).isEqualTo(2.0);
        assertThat(nightly.assertions().maxP95Ms()).isEqualTo(nightly.slo().p95Ms());
        assertThat(nightly.assertions().maxErrorRatio()).isEqualTo(nightly.slo().errorRatio());
        assertThat(nightly.assertions().referenceLoad()).isNaN();
    }

    @ParameterizedTest
    @ValueSource(strings = {"quick", "default", "staircase", "breakpoint"})
    void loadsWithItsNameSourceAndTheHashOfItsBytes(String name) throws Exception {
        Scenario scenario = ScenarioLoader.load(name, SCENARIOS);

        Path file = SCENARIOS.resolve(name + ".yaml");
        assertThat(scenario.name()).isEqualTo(name);
        assertThat(scenario.source()).isEqualTo(file.toString());
        assertThat(scenario.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        // one budget for all three, so their runs compare (why half a CPU: see default.yaml)
        assertThat(scenario.service().cpus()).hasValue(0.5);
        assertThat(scenario.mix())
                .containsExactly(
                        entry(Endpoint.MENU, 45),
                        entry(Endpoint.CREATE_ORDER, 20),
                        entry(Endpoint.GET_ORDER, 15),
                        entry(Endpoint.RECENT_ORDERS, 15),
                        entry(Endpoint.BASELINE, 5));
        assertThat(scenario.requestTimeoutS()).isEqualTo(10.0);
    }

    @Test
    void defaultIsASearchToFivePercentWithThreeFullLengthTrialsAtTheAnswer() {
        LoadShape load = ScenarioLoader.load("default", SCENARIOS).load();

        assertThat(load).isInstanceOfSatisfying(SearchLoad.class, s -> {
            assertThat(s.precision()).isEqualTo(0.05);
            assertThat(s.repeats()).isEqualTo(2); // confirm + 2 repeats: a t-interval with 2 degrees of freedom
            assertThat(s.startRps()).isNaN(); // from where the warm-up ended
            assertThat(s.maxRps()).isGreaterThan(2000.0); // far above a half-CPU service's knee
            assertThat(s.plan()).isEmpty(); // planned trial by trial
        });
    }

    @Test
    void quickIsACoarserShorterSearchThanDefault() {
        SearchLoad quick = (SearchLoad) ScenarioLoader.load("quick", SCENARIOS).load();
        SearchLoad full = (SearchLoad) ScenarioLoader.load("default", SCENARIOS).load();

        assertThat(quick.precision()).isGreaterThan(full.precision());
        assertThat(quick.fullTrialS()).isLessThan(full.fullTrialS());
        assertThat(quick.warmupMaxS()).isLessThan(full.warmupMaxS());
        // its bound: warm-up's first ramp (a window) and maximum, trial budget, a ramp and a 12 s drain
        // per trial: quick 10 + 60 + 240 + 14 x 14 = 506 s, default 15 + 120 + 300 + 20 x 14 = 715 s
        assertThat(quick.maxDurationS(12)).isEqualTo(506.0);
        assertThat(full.maxDurationS(12)).isEqualTo(715.0);
    }

    @Test
    void staircaseKeepsTheFixedShapeFrom100To1000Rps() {
        LoadShape load = ScenarioLoader.load("staircase", SCENARIOS).load();

        assertThat(load).isInstanceOf(OpenLoad.class);
        assertThat(load.offeredAt(1)).isEqualTo(100.0);
        assertThat(load.offeredAt(load.steps())).isEqualTo(1000.0);
    }

    @Test
    void breakpointAddsUsersPerStepAndThinks() {
        Scenario breakpoint = ScenarioLoader.load("breakpoint", SCENARIOS);

        assertThat(breakpoint.load()).isInstanceOfSatisfying(ClosedLoad.class, closed -> {
            assertThat(closed.stepUsers()).isPositive();
            assertThat(closed.thinkTimeS()).isEqualTo(0.1);
        });
    }
}
