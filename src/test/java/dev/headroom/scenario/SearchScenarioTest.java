package dev.headroom.scenario;

import static dev.headroom.scenario.ScenarioFiles.lineOf;
import static dev.headroom.scenario.ScenarioFiles.problemsOf;
import static dev.headroom.scenario.ScenarioFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.yaml.InputFileException.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code load: model: search}: its defaults, its own fields, and the staircase fields it refuses. */
class SearchScenarioTest {
    private static final String MINIMAL_SEARCH =
            """
            name: s
            description: smallest search
            mix:
              menu: 1
            load:
              model: search
            slo:
              p95_ms: 100
              p99_ms: 250
              error_ratio: 0.01
            """;

    @TempDir
    Path dir;

    @Test
    void aBareSearchTakesTheDefaultsOfDocsSearch() {
        write(dir, "s", MINIMAL_SEARCH);
        SearchLoad load = (SearchLoad) ScenarioLoader.load("s", dir).load();

        // warmup_rps, window, max; start (NaN: the warm-up's rate), max; precision; short, full; repeats;
        // max trials, max search seconds; ramp
        assertThat(load).isEqualTo(new SearchLoad(200, 15, 240, Double.NaN, 5000, 0.05, 10, 30, 2, 20, 600, 2));
        assertThat(load.model()).isEqualTo(LoadModel.OPEN); // arrivals, written as open in steps.csv
        assertThat(load.plan()).isEmpty();
        // first ramp (a 15 s window) + warm-up max + trial budget + 20 trials x (2 s ramp + 12 s drain)
        // = 15 + 240 + 600 + 280
        assertThat(load.maxDurationS(12)).isEqualTo(1135.0);
    }

    @Test
    void everyFieldCanBeSet() {
        write(
                dir,
                "s",
                MINIMAL_SEARCH.replace(
                        "  model: search\n",
                        """
                  model: search
                  warmup_rps: 300
                  warmup_window_s: 10
                  warmup_max_s: 60
                  start_rps: 250
                  max_rps: 2000
                  precision: 0.1
                  short_trial_s: 5
                  full_trial_s: 15
                  repeats: 1
                  max_trials: 14
                  max_search_s: 240
                  ramp_s: 1
                """));
        assertThat(ScenarioLoader.load("s", dir).load())
                .isEqualTo(new SearchLoad(300, 10, 60, 250, 2000, 0.1, 5, 15, 1, 14, 240, 1));
    }

    @Test
    void aStaircaseFieldIsRefusedSayingASearchChoosesItsOwnRates() {
        String yaml = MINIMAL_SEARCH.replace("  model: search\n", "  model: search\n  steps: 10\n");
        assertThat(problemsOf(dir, yaml))
                .containsExactly(new Problem(
                        dir.resolve("s.yaml").toString(),
                        lineOf(yaml, "steps: 10"),
                        "load.steps",
                        "only for a staircase (model: open or closed); model: search chooses its own rates"));
    }

    @Test
    void aStartOrWarmUpAboveTheMaximumAndAShortTrialLongerThanAFullOneAreRefused() {
        String start =
                MINIMAL_SEARCH.replace("  model: search\n", "  model: search\n  start_rps: 900\n  max_rps: 800\n");
        assertThat(problemsOf(dir, start)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("load.start_rps");
            assertThat(p.message()).isEqualTo("must be at most max_rps (800)");
        });
        String warm = MINIMAL_SEARCH.replace("  model: search\n", "  model: search\n  max_rps: 100\n");
        assertThat(problemsOf(dir, warm)).singleElement().satisfies(p -> assertThat(p.field())
                .isEqualTo("load.warmup_rps"));
        String trials = MINIMAL_SEARCH.replace(
                "  model: search\n", "  model: search\n  short_trial_s: 40\n  full_trial_s: 30\n");
        assertThat(problemsOf(dir, trials)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("load.short_trial_s");
            assertThat(p.line()).isEqualTo(lineOf(trials, "short_trial_s: 40"));
        });
    }
}
