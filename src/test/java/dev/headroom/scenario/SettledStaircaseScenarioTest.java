package dev.headroom.scenario;

import static dev.headroom.scenario.ScenarioFiles.MINIMAL_CLOSED;
import static dev.headroom.scenario.ScenarioFiles.MINIMAL_OPEN;
import static dev.headroom.scenario.ScenarioFiles.lineOf;
import static dev.headroom.scenario.ScenarioFiles.problemsOf;
import static dev.headroom.scenario.ScenarioFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.yaml.InputFileException.Problem;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code load: warmup: settled} on an open staircase: read, defaulted, and refused where it cannot be. */
class SettledStaircaseScenarioTest {
    private static final String SETTLED = MINIMAL_OPEN.replace("  warmup_s: 10\n", "  warmup: settled\n");

    @TempDir
    Path dir;

    @Test
    void aSettledStaircaseTakesTheSearchsWarmUpDefaults() {
        write(dir, "s", SETTLED);
        OpenLoad load = (OpenLoad) ScenarioLoader.load("s", dir).load();

        // warmup_rps 50 from the file; the window and the maximum are the search's: 15 s, 240 s
        assertThat(load.settledWarmup()).contains(new SettledWarmup(50, 15, 240));
        assertThat(load.paced()).isTrue();
        // the steps are the file's: 100, 150, 200 req/s, 20 s each after a 2 s ramp
        assertThat(load).isEqualTo(OpenLoad.settled(new SettledWarmup(50, 15, 240), 100, 50, 3, 20, 2));
        // the load's bound: the warm-up's first ramp (a 15 s window) and maximum, then 3 x (2 + 20):
        // 15 + 240 + 66
        assertThat(load.totalDurationS()).isEqualTo(321.0);
        assertThat(load.plan()).extracting(StepPlan::offered).containsExactly(100.0, 150.0, 200.0);
    }

    @Test
    void theWindowAndTheMaximumCanBeSetAndATimedWarmUpIsTheDefault() {
        write(
                dir,
                "s",
                SETTLED.replace(
                        "  warmup: settled\n", "  warmup: settled\n  warmup_window_s: 10\n  warmup_max_s: 90\n"));
        assertThat(((OpenLoad) ScenarioLoader.load("s", dir).load()).settledWarmup())
                .contains(new SettledWarmup(50, 10, 90));

        write(dir, "t", MINIMAL_OPEN.replace("name: s", "name: t"));
        OpenLoad timed = (OpenLoad) ScenarioLoader.load("t", dir).load();
        assertThat(timed.settledWarmup()).isEmpty();
        assertThat(timed.paced()).isFalse();
        assertThat(timed).isEqualTo(new OpenLoad(50, 10, 100, 50, 3, 20, 2));
    }

    @Test
    void aSettledWarmUpRefusesATimedOnesLengthAndATimedOneTheSettledFields() {
        String both = SETTLED.replace("  warmup: settled\n", "  warmup: settled\n  warmup_s: 10\n");
        assertThat(problemsOf(dir, both))
                .containsExactly(new Problem(
                        dir.resolve("s.yaml").toString(),
                        lineOf(both, "warmup_s: 10"),
                        "load.warmup_s",
                        "a settled warm-up ends when the service is steady; warmup_max_s bounds it"));
        String timed = MINIMAL_OPEN.replace("  warmup_s: 10\n", "  warmup_s: 10\n  warmup_max_s: 90\n");
        assertThat(problemsOf(dir, timed)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("load.warmup_max_s");
            assertThat(p.line()).isEqualTo(lineOf(timed, "warmup_max_s: 90"));
            assertThat(p.message()).isEqualTo("only with warmup: settled; a timed warm-up takes warmup_s");
        });
    }

    @Test
    void anUnknownWarmUpAndASettledClosedStaircaseAreRefusedSayingWhatIsAccepted() {
        String unknown = SETTLED.replace("warmup: settled", "warmup: steady");
        assertThat(problemsOf(dir, unknown)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("load.warmup");
            assertThat(p.line()).isEqualTo(lineOf(unknown, "warmup: steady"));
            assertThat(p.message()).isEqualTo("must be timed or settled, was steady");
        });
        String closed = MINIMAL_CLOSED.replace("  model: closed\n", "  model: closed\n  warmup: settled\n");
        assertThat(problemsOf(dir, closed)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("load.warmup");
            assertThat(p.line()).isEqualTo(lineOf(closed, "warmup: settled"));
            assertThat(p.message()).startsWith("must be timed, was settled: a closed staircase's warm-up is timed");
        });
        // what a closed staircase does anyway may be said
        write(dir, "s", MINIMAL_CLOSED.replace("  model: closed\n", "  model: closed\n  warmup: timed\n"));
        assertThat(ScenarioLoader.load("s", dir).load().paced()).isFalse();
        String search =
                """
                name: s
                description: a search
                mix:
                  menu: 1
                load:
                  model: search
                  warmup: timed
                slo:
                  p95_ms: 100
                  p99_ms: 250
                  error_ratio: 0.01
                """;
        assertThat(problemsOf(dir, search)).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("a search always warms up until the service is steady: settled, was timed"));
    }

    @Test
    void theShippedStaircaseWarmsUpUntilSteadyAndTheNightlyKeepsItsTimedWarmUp() {
        // staircase.yaml: up to 800 req/s in 15 s windows, at most 180 s; nightly.yaml: its baselines
        // were taken after a timed warm-up, so it keeps one
        assertThat(ScenarioLoader.load("staircase", ShippedScenariosTest.SCENARIOS)
                        .load()
                        .settledWarmup())
                .contains(new SettledWarmup(800, 15, 180));
        assertThat(ScenarioLoader.load("nightly", ShippedScenariosTest.SCENARIOS)
                        .load()
                        .paced())
                .isFalse();
    }

    @Test
    void aSettledWarmUpsRateAndBoundAreTheStaircasesOwn() {
        // one owner per figure: the record refuses a warm-up that disagrees with the staircase's fields
        assertThatThrownBy(() -> new OpenLoad(50, 90, 100, 50, 3, 20, 2, Optional.of(new SettledWarmup(60, 15, 90))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warmupRps and warmupS");
        assertThat(new OpenLoad(50, 90, 100, 50, 3, 20, 2, Optional.of(new SettledWarmup(50, 15, 90))).paced())
                .isTrue();
    }
}
