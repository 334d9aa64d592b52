package dev.headroom.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.lab.LabException;
import dev.headroom.scenario.ClosedLoad;
import dev.headroom.scenario.Scenario;
import dev.headroom.scenario.StepPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings built in code: checked before any load, and turned into the same plan a scenario file gives. */
class HeadroomSettingsTest {

    private static HeadroomSettings.Builder valid() {
        return HeadroomSettings.builder()
                .targetBaseUrl("http://127.0.0.1:8080")
                .openStaircase(50, 50, 4)
                .warmupS(10)
                .rampS(2)
                .stepDurationS(15)
                .sloP95Ms(50)
                .sloP99Ms(100)
                .sloErrorRatio(0.01);
    }

    @Test
    void theStaircaseIsPlannedAsAScenarioFilesIs() {
        Scenario s = valid().build().scenarioFor("greet");
        // step k: offered 50k; ramp from 10 + (k-1) * (2 + 15), steady 2 s later, for 15 s
        assertThat(s.load().plan())
                .containsExactly(
                        new StepPlan(1, 50, 10, 12, 27),
                        new StepPlan(2, 100, 27, 29, 44),
                        new StepPlan(3, 150, 44, 46, 61),
                        new StepPlan(4, 200, 61, 63, 78));
        assertThat(s.load().totalDurationS()).isEqualTo(10 + 4 * (2 + 15));
        // one recorded request, the pass, named after the Gatling scenario
        assertThat(s.requestNames()).isEqualTo(List.of("greet"));
        assertThat(s.ownService()).isTrue();
        assertThat(s.source()).isEqualTo("gatling:" + HeadroomSettingsTest.class.getName());
        assertThat(s.requestTimeoutS()).isEqualTo(60);
    }

    /** The lab is told the sizing request only when the file exists, so it checks a request that will be used. */
    @Test
    void theLabKnowsTheSizingRequestTheRunWillBeSizedWith(@TempDir Path dir) throws Exception {
        Path request = Files.writeString(dir.resolve("sizing.yaml"), "peak:\n  rps: 100\n");
        HeadroomSettings given = valid().sizingRequest(request).build();
        assertThat(given.labFor(given.scenarioFor("greet")).sizingRequest()).contains(request);

        HeadroomSettings absent =
                valid().sizingRequest(dir.resolve("none.yaml")).build();
        assertThat(absent.labFor(absent.scenarioFor("greet")).sizingRequest()).isEmpty();
        HeadroomSettings none = valid().build();
        assertThat(none.labFor(none.scenarioFor("greet")).sizingRequest()).isEmpty();
    }

    @Test
    void theClosedStaircaseHoldsUsersAndThinks() {
        Scenario s = valid().closedStaircase(4, 4, 3).thinkTimeS(0.5).build().scenarioFor("greet");
        ClosedLoad closed = (ClosedLoad) s.load();
        assertThat(List.of(closed.usersAt(1), closed.usersAt(2), closed.usersAt(3)))
                .isEqualTo(List.of(4, 8, 12));
        assertThat(closed.warmupUsers()).isEqualTo(4); // the first step's, by default
        assertThat(closed.thinkTimeS()).isEqualTo(0.5);
    }

    @Test
    void theHashMatchesRunsOfTheSameSettingsOnly() {
        String a = valid().build().scenarioFor("greet").sha256();
        assertThat(valid().build().scenarioFor("greet").sha256()).isEqualTo(a);
        assertThat(valid().sloP95Ms(60).build().scenarioFor("greet").sha256()).isNotEqualTo(a);
        assertThat(valid().build().scenarioFor("other").sha256()).isNotEqualTo(a);
    }

    @Test
    void theSizingRequestIsTheOneGivenOrNone() {
        HeadroomSettings none = valid().build();
        assertThat(none.sizingRequest(none.scenarioFor("greet"))).isEmpty();
        HeadroomSettings given = valid().sizingRequest(Path.of("sizing.yaml")).build();
        assertThat(given.sizingRequest(given.scenarioFor("greet"))).contains(Path.of("sizing.yaml"));
    }

    @Test
    void missingValuesAreNamed() {
        assertThatThrownBy(() -> HeadroomSettings.builder().build())
                .isInstanceOf(LabException.class)
                .hasMessageContaining("targetBaseUrl");
        assertThatThrownBy(() -> HeadroomSettings.builder()
                        .targetBaseUrl("http://127.0.0.1:8080")
                        .build())
                .hasMessageContaining("openStaircase");
        assertThatThrownBy(() -> HeadroomSettings.builder()
                        .targetBaseUrl("http://127.0.0.1:8080")
                        .openStaircase(1, 1, 1)
                        .sloP95Ms(50)
                        .build())
                .hasMessageContaining("sloP99Ms");
    }

    @Test
    void badValuesAreRefusedBeforeAnyLoad() {
        assertThatThrownBy(() -> valid().targetBaseUrl("http://192.0.2.1:8080").build())
                .isInstanceOf(LabException.class)
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> valid().openStaircase(0, 50, 4).warmupRps(10).build())
                .isInstanceOf(LabException.class)
                .hasMessageContaining("startRps");
        assertThatThrownBy(() -> valid().sloP99Ms(10).build()) // below the p95 of 50 ms
                .isInstanceOf(LabException.class)
                .hasMessageContaining("p99Ms must be >= p95Ms");
        assertThatThrownBy(() -> valid().requestTimeoutS(0).build()).hasMessageContaining("requestTimeoutS");
        assertThatThrownBy(() -> valid().prometheus("sometimes").build())
                .isInstanceOf(LabException.class)
                .hasMessageContaining("headroom.prometheus");
    }
}
