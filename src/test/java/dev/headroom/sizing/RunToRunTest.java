package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunToRunTest {

    /** A search that found 733 req/s offered, its interval 718 to below 762 (run 20261205-182612). */
    private static final SearchCapacity FOUND = new SearchCapacity(
            733, true, 3, List.of(724.1, 732.8, 732.4), 762, 718, false, false, Optional.of(SearchEnd.FOUND));

    private static RunToRun spread(double min, double max, double cv) {
        return new RunToRun(
                "default",
                Optional.of(new RunToRun.Spread(
                        3, "AMD EPYC x2", "scenarios/noise/default.json", (min + max) / 2, min, max, cv)),
                "");
    }

    private static RunToRun unknown(String scenario) {
        return new RunToRun(scenario, Optional.empty(), "");
    }

    /**
     * Runs of one build found 629 to 889 req/s, mean 759: 17.1 % below to 17.1 % above it, a range
     * of 260 / 759 = 34 % of the mean, against this run's interval of (762 - 718) / 724 = 6 %. The
     * interval understates where another run could land: a warning. Applied to 724: 724 x 0.829 =
     * 600 to 724 x 1.171 = 848.
     */
    @Test
    void aRangeAcrossRunsWiderThanTheSearchsIntervalIsAWarning() {
        Finding f = spread(629, 889, 0.13).finding(724, Optional.of(FOUND)).orElseThrow();
        assertThat(f.code()).isEqualTo(FindingCode.CAPACITY_SPREAD_ACROSS_RUNS);
        assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(f.message())
                .contains("3 runs of one build on AMD EPYC x2 (scenarios/noise/default.json)")
                .contains("629 to 889 req/s, 17.1 % below to 17.1 % above their mean")
                .contains("coefficient of variation 13 %")
                .contains("applied to this run's 724 req/s: 600 to 848")
                .contains("718 to below 762 req/s")
                .contains("narrower than the runs' range");
    }

    /** A range of (750 - 730) / 740 = 2.7 % inside an interval of 6 %: the interval says as much, a note. */
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

    /**
     * A noise file holds no budget: runs at half a CPU (658 to 748, mean 703) beside a run at a
     * quarter that found 218. Applied as shares of the mean: 658 / 703 = 0.936, 748 / 703 = 1.064, so
     * 218 x 0.936 = 204 to 218 x 1.064 = 232. Its interval of (230 - 216) / 218 = 6.4 % is narrower
     * than the runs' (748 - 658) / 703 = 12.8 %: a warning.
     */
    @Test
    void theSpreadIsAppliedAsSharesSoARunAtAnotherBudgetGetsItsOwnRange() {
        RunToRun halfCpu = new RunToRun(
                "default",
                Optional.of(new RunToRun.Spread(3, "AMD EPYC x2", "noise/default.json", 703, 658, 748, 0.064)),
                "");
        SearchCapacity quarter = new SearchCapacity(
                220, true, 3, List.of(218.0, 219.0, 221.0), 230, 216, false, false, Optional.of(SearchEnd.FOUND));
        Finding f = halfCpu.finding(218, Optional.of(quarter)).orElseThrow();
        assertThat(f.message()).contains("applied to this run's 218 req/s: 204 to 232");
        assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
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
