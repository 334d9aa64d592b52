package dev.headroom.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.lab.LabException;
import dev.headroom.scenario.ClosedLoad;
import dev.headroom.scenario.OpenLoad;
import dev.headroom.scenario.Scenario;
import dev.headroom.scenario.ScenarioLoader;
import dev.headroom.scenario.SearchLoad;
import dev.headroom.scenario.SettledWarmup;
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

    private static HeadroomSettings.Builder slo(HeadroomSettings.Builder b) {
        return b.targetBaseUrl("http://127.0.0.1:8080")
                .sloP95Ms(50)
                .sloP99Ms(100)
                .sloErrorRatio(0.01);
    }

    /** A scenario file's load section, read as {@code mvn gatling:test -Dheadroom.scenario=...} reads it. */
    private static Object fileLoad(Path dir, String load) throws Exception {
        Files.writeString(
                dir.resolve("f.yaml"),
                "name: f\ndescription: f\nmix:\n  menu: 1\nload:\n" + load
                        + "slo:\n  p95_ms: 50\n  p99_ms: 100\n  error_ratio: 0.01\n");
        return ScenarioLoader.load("f", dir).load();
    }

    @Test
    void aSearchInCodeIsAScenarioFilesSearchWithTheSameDefaults(@TempDir Path dir) throws Exception {
        SearchLoad inCode = (SearchLoad) slo(HeadroomSettings.builder().search())
                .build()
                .scenarioFor("greet")
                .load();
        // one owner of the defaults: the file's model: search with nothing else set is the same record,
        // a start rate of NaN (where the warm-up ends) included
        assertThat(inCode).isEqualTo(fileLoad(dir, "  model: search\n"));
        // and they are the documented ones (docs/search.md, "Settings")
        assertThat(inCode).isEqualTo(new SearchLoad(200, 15, 240, Double.NaN, 5000, 0.05, 10, 30, 2, 20, 600, 2));
        assertThat(inCode.paced()).isTrue();
    }

    @Test
    void everySearchSettingReachesTheSearch(@TempDir Path dir) throws Exception {
        SearchLoad inCode = (SearchLoad) slo(HeadroomSettings.builder()
                        .search()
                        .warmupRps(100)
                        .warmupWindowS(5)
                        .warmupMaxS(20)
                        .searchStartRps(80)
                        .searchMaxRps(1000)
                        .searchPrecision(0.1)
                        .shortTrialS(3)
                        .fullTrialS(6)
                        .searchRepeats(1)
                        .maxTrials(12)
                        .maxSearchS(60)
                        .rampS(1))
                .build()
                .scenarioFor("greet")
                .load();
        assertThat(inCode).isEqualTo(new SearchLoad(100, 5, 20, 80, 1000, 0.1, 3, 6, 1, 12, 60, 1));
        assertThat(inCode)
                .isEqualTo(
                        fileLoad(
                                dir,
                                """
                          model: search
                          warmup_rps: 100
                          warmup_window_s: 5
                          warmup_max_s: 20
                          start_rps: 80
                          max_rps: 1000
                          precision: 0.1
                          short_trial_s: 3
                          full_trial_s: 6
                          repeats: 1
                          max_trials: 12
                          max_search_s: 60
                          ramp_s: 1
                        """));
    }

    @Test
    void anOpenStaircaseCanWarmUpUntilSteady(@TempDir Path dir) throws Exception {
        assertThat(((OpenLoad) valid().build().scenarioFor("greet").load()).paced())
                .isFalse();

        OpenLoad inCode = (OpenLoad) slo(HeadroomSettings.builder()
                        .openStaircase(50, 50, 4)
                        .warmupSettled()
                        .warmupMaxS(60)
                        .rampS(2)
                        .stepDurationS(15))
                .build()
                .scenarioFor("greet")
                .load();
        // the warm-up climbs to the first step's rate by default, in the search's 15 s windows
        assertThat(inCode.settledWarmup()).contains(new SettledWarmup(50, 15, 60));
        assertThat(inCode.paced()).isTrue();
        assertThat(inCode)
                .isEqualTo(
                        fileLoad(
                                dir,
                                """
                          model: open
                          warmup: settled
                          warmup_rps: 50
                          warmup_max_s: 60
                          start_rps: 50
                          step_rps: 50
                          steps: 4
                          step_duration_s: 15
                          ramp_s: 2
                        """));
    }

    @Test
    void aStaircaseKeepsItsDefaults() {
        OpenLoad load = (OpenLoad) slo(HeadroomSettings.builder().openStaircase(50, 50, 2))
                .build()
                .scenarioFor("greet")
                .load();
        // 30 s of timed warm-up to the first step's 50 req/s, a 3 s ramp and 30 s steps: step 1 ramps
        // at 30, is steady at 33 to 63; step 2 ramps at 63, steady 66 to 96
        assertThat(load).isEqualTo(new OpenLoad(50, 30, 50, 50, 2, 30, 3));
        assertThat(load.plan()).containsExactly(new StepPlan(1, 50, 30, 33, 63), new StepPlan(2, 100, 63, 66, 96));
    }

    @Test
    void aSetterTheLoadDoesNotTakeIsRefusedWithWhatItTakes() {
        assertThatThrownBy(() -> slo(HeadroomSettings.builder()
                                .search()
                                .stepDurationS(30)
                                .warmupS(10))
                        .build())
                .isInstanceOf(LabException.class)
                .hasMessageContaining("stepDurationS, warmupS do not apply to search()")
                .hasMessageContaining("warmupMaxS bounds it")
                .hasMessageContaining("it takes fullTrialS, maxSearchS, maxTrials, rampS, searchMaxRps");
        assertThatThrownBy(() -> valid().warmupSettled().build()) // valid() gave warmupS(10)
                .hasMessageContaining("warmupS does not apply to an open staircase with warmupSettled()");
        assertThatThrownBy(() -> valid().thinkTimeS(1).build())
                .hasMessageContaining("thinkTimeS does not apply to an open staircase; it takes rampS, stepDurationS,"
                        + " warmupRps, warmupS");
        assertThatThrownBy(
                        () -> valid().closedStaircase(4, 4, 3).warmupSettled().build())
                .hasMessageContaining("warmupSettled does not apply to a closed staircase")
                .hasMessageContaining("not paced by an arrival schedule");
        assertThatThrownBy(() -> valid().warmupUsers(5).build())
                .hasMessageContaining("warmupUsers does not apply to an open staircase");
        assertThatThrownBy(() -> valid().shortTrialS(3).build())
                .hasMessageContaining("shortTrialS does not apply to an open staircase");
        assertThatThrownBy(() -> slo(HeadroomSettings.builder()).build())
                .hasMessageContaining("openStaircase(startRps, stepRps, steps),"
                        + " closedStaircase(startUsers, stepUsers, steps) or search() is required");
    }

    @Test
    void aBadSearchValueIsNamedAsTheBuilderNamesIt() {
        assertThatThrownBy(() -> slo(HeadroomSettings.builder().search().searchStartRps(6000))
                        .build())
                .isInstanceOf(LabException.class)
                .hasMessageContaining("searchStartRps must be <= searchMaxRps");
        assertThatThrownBy(() -> slo(HeadroomSettings.builder().search().searchPrecision(1))
                        .build())
                .hasMessageContaining("searchPrecision must be in (0, 1)");
        assertThatThrownBy(() -> slo(HeadroomSettings.builder().search().searchRepeats(-1))
                        .build())
                .hasMessageContaining("searchRepeats");
        assertThatThrownBy(() ->
                        slo(HeadroomSettings.builder().search().shortTrialS(40)).build())
                .hasMessageContaining("shortTrialS must be <= fullTrialS");
    }

    @Test
    void aSearchIsInjectedAsASearchAndAStaircaseAsAStaircase() {
        Scenario search = slo(HeadroomSettings.builder().search()).build().scenarioFor("greet");
        Scenario staircase = valid().build().scenarioFor("greet");
        Headroom.checkShape(search, true);
        Headroom.checkShape(staircase, false);
        assertThatThrownBy(() -> Headroom.checkShape(search, false))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("Headroom.search(scenario, settings)");
        assertThatThrownBy(() -> Headroom.checkShape(staircase, true))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("Headroom.staircase(scenario, settings)");
    }
}
