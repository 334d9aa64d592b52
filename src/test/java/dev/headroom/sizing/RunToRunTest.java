package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunToRunTest {

    /** A search that found 733 req/s offered, its interval 718 to below 762 (run 20261205-182612). */
    private static final SearchCapacity FOUND = new SearchCapacity(
            733, true, 3, List.of(724.1, 732.8, 732.4), 762, 718, false, Optional.of(SearchEnd.FOUND));

    private static RunToRun spread(double min, double max, double cv) {
        return new RunToRun(
                "default",
                Optional.of(new RunToRun.Spread(3, "AMD EPYC x2", "scenarios/noise/default.json", min, max, cv)),
                "");
    }

    private static RunToRun unknown(String scenario) {
        return new RunToRun(scenario, Optional.empty(), "");
    }

    /**
     * Runs of one build found 629 to 889 req/s: a range of 260, against this run's interval of 762 - 718
     * = 44. The interval understates where another run could land: a warning, with both.
     */
    @Test
    void aRangeAcrossRunsWiderThanTheSearchsIntervalIsAWarning() {
        Finding f = spread(629, 889, 0.13).finding(724, Optional.of(FOUND)).orElseThrow();
        assertThat(f.code()).isEqualTo(FindingCode.CAPACITY_SPREAD_ACROSS_RUNS);
        assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(f.message())
                .contains("3 runs of one build on AMD EPYC x2 (scenarios/noise/default.json)")
                .contains("629 to 889 req/s")
                .contains("13 %")
                .contains("this run 724 req/s")
                .contains("718 to below 762 req/s")
                .contains("narrower than the runs' range");
    }

    /** A range of 750 - 730 = 20 inside an interval of 44: the interval already says as much, a note. */
    @Test
    void aRangeNarrowerThanTheIntervalIsANote() {
        Finding f = spread(730, 750, 0.01).finding(724, Optional.of(FOUND)).orElseThrow();
        assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
        assertThat(f.message()).contains("730 to 750 req/s").doesNotContain("narrower");
    }

    @Test
    void withNoSpreadKnownASearchSaysItsIntervalIsOneLaunchsAndHowToMeasureMore() {
        Finding f = unknown("quick").finding(724, Optional.of(FOUND)).orElseThrow();
        assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
        assertThat(f.message())
                .contains("718 to below 762 req/s")
                .contains("within one launch")
                .contains("bench/noise.sh quick 3");
    }

    @Test
    void aBrokenNoiseFileIsSaidBesideTheNote() {
        RunToRun broken = new RunToRun("default", Optional.empty(), "noise/default.json: line 3: not JSON");
        assertThat(broken.finding(724, Optional.of(FOUND)).orElseThrow().message())
                .contains("bench/noise.sh default 3")
                .endsWith("(noise/default.json: line 3: not JSON)");
    }

    @Test
    void aStaircaseGetsTheSpreadWhenKnownAndNothingOtherwise() {
        assertThat(unknown("nightly").finding(850, Optional.empty())).isEmpty();
        Finding f = spread(796, 899, 0.06).finding(850, Optional.empty()).orElseThrow();
        assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
        assertThat(f.message()).contains("796 to 899 req/s").doesNotContain("interval");
    }

    /** A lower bound has no interval to set the range against: only the runs' spread is said. */
    @Test
    void aLowerBoundIsNotComparedWithTheRange() {
        SearchCapacity bound = new SearchCapacity(
                585,
                true,
                2,
                List.of(580.0, 585.0),
                Double.NaN,
                Double.NaN,
                false,
                Optional.of(SearchEnd.BUDGET_EXHAUSTED));
        assertThat(unknown("quick").finding(580, Optional.of(bound))).isEmpty();
        assertThat(spread(540, 600, 0.05)
                        .finding(580, Optional.of(bound))
                        .orElseThrow()
                        .severity())
                .isEqualTo(Finding.Severity.INFO);
    }
}
