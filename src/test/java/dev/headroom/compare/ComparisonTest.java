package dev.headroom.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.compare.Comparison.Verdict;
import dev.headroom.history.RunFixture;
import dev.headroom.history.RunSummary;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
    @TempDir
    Path results;

    private int n;

    private RunSummary run(UnaryOperator<RunFixture> how) {
        return RunSummary.read(how.apply(RunFixture.run("run-" + ++n)).writeIn(results));
    }

    /**
     * Noise of 5 runs: cv 5 % for CPU, 2 % for hold time, 20 % for p95, 1 % for throughput and the
     * calibration. The fixtures find no knee, so 7 figures are judged at once: each must be 99.27 % sure
     * (Šidák) for the 95 % verdict.
     */
    private static Noise noise() {
        Map<String, Noise.FigureNoise> f = Map.of(
                Figure.CAPACITY_AT_SLO.key(),
                cv(0.01),
                Figure.MAX_THROUGHPUT.key(),
                cv(0.01),
                Figure.CPU_PER_REQUEST.key(),
                cv(0.05),
                Figure.DB_CPU_PER_REQUEST.key(),
                cv(0.05),
                Figure.CONNECTION_HOLD.key(),
                cv(0.02),
                Figure.P95_AT_REFERENCE.key(),
                cv(0.20),
                Figure.P99_AT_REFERENCE.key(),
                cv(0.20),
                Figure.CALIBRATION,
                cv(0.01));
        return new Noise("test", "nightly", "", "", "", "", java.util.List.of(), f);
    }

    private static Noise.FigureNoise cv(double cv) {
        return new Noise.FigureNoise(1, cv, cv, 5, 1, 1);
    }

    private Comparison compare(UnaryOperator<RunFixture> base, UnaryOperator<RunFixture> cand) {
        return Comparison.of(run(base), run(cand), noise(), Gate.defaults(), false);
    }

    private static FigureChange figure(Comparison c, Figure f) {
        return c.figures().stream().filter(x -> x.figure() == f).findFirst().orElseThrow();
    }

    @Test
    void theSameFiguresAreEquivalent() {
        Comparison c = compare(r -> r.costs(5, 2, 20), r -> r.costs(5, 2, 20));
        assertThat(c.verdict()).isEqualTo(Verdict.EQUIVALENT);
        assertThat(c.gateFailures()).isEmpty();
        assertThat(figure(c, Figure.CPU_PER_REQUEST).change()).isEqualTo(Change.NOISE);
    }

    @Test
    void aLargeRiseInANoisyFigureIsStillNoise() {
        // p95 +30 %: over the 20 % limit, but p95's noise (cv 20 %) explains it
        Comparison c = compare(r -> r.costs(5, 2, 20), r -> r.costs(5, 2, 26));
        FigureChange p95 = figure(c, Figure.P95_AT_REFERENCE);
        assertThat(p95.relativeChange()).isCloseTo(0.30, within(1e-9));
        assertThat(p95.change()).isEqualTo(Change.NOISE);
        assertThat(p95.failsGate()).isFalse();
        assertThat(c.verdict()).isEqualTo(Verdict.EQUIVALENT);
    }

    @Test
    void moreCpuPerRequestBeyondNoiseAndLimitIsARegression() {
        Comparison c = compare(r -> r.costs(5, 2, 20), r -> r.costs(7, 2, 20));
        FigureChange cpu = figure(c, Figure.CPU_PER_REQUEST);
        assertThat(cpu.relativeChange()).isCloseTo(0.40, within(1e-9));
        // t = 0.40 / (√2 · 0.05) = 5.66, with 4 degrees of freedom: p = 0.0048
        assertThat(cpu.t()).isCloseTo(0.40 / (Math.sqrt(2) * 0.05), within(1e-9));
        assertThat(cpu.confidence()).isCloseTo(0.9952, within(0.0005));
        assertThat(c.figureLevel()).isCloseTo(Math.pow(0.95, 1.0 / 7), within(1e-12));
        assertThat(cpu.change()).isEqualTo(Change.WORSE);
        assertThat(cpu.failsGate()).isTrue();
        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(c.gateFailures()).singleElement().asString().contains("service CPU per request rose by 40.0 %");
    }

    @Test
    void aRealChangeWithinTheLimitIsReportedWithoutFailing() {
        // hold time +20 %: far beyond its 2 % noise (t = 7.1), but within its 25 % limit
        Comparison c = compare(r -> r.costs(5, 2, 20), r -> r.costs(5, 2.4, 20));
        FigureChange hold = figure(c, Figure.CONNECTION_HOLD);
        assertThat(hold.change()).isEqualTo(Change.WORSE);
        assertThat(hold.failsGate()).isFalse();
        assertThat(c.verdict()).isEqualTo(Verdict.CHANGED_WITHIN_GATE);
    }

    @Test
    void capacityIsNotComparedWhenAStepOfOneRunWasInvalid() {
        // the candidate's top step was invalid (the host, not the service, was the limit): its capacity over
        // the valid steps would read 90 instead of 120, a drop the service did not make
        Comparison c = compare(
                r -> r,
                r -> r.steps(
                        RunFixture.Step.of(60, 20, 5, 2),
                        RunFixture.Step.of(90, 22, 5, 2),
                        new RunFixture.Step(120, 118, 25, 0.6, 2, false)));
        assertThat(figure(c, Figure.CAPACITY_AT_SLO).change()).isEqualTo(Change.NOT_MEASURED);
        assertThat(figure(c, Figure.MAX_THROUGHPUT).change()).isEqualTo(Change.NOT_MEASURED);
        assertThat(figure(c, Figure.CPU_PER_REQUEST).change()).isEqualTo(Change.NOISE);
        assertThat(c.comparability().notes()).anyMatch(n -> n.contains("valid steps differ") && n.contains("[1, 2]"));
        assertThat(c.verdict()).isEqualTo(Verdict.EQUIVALENT);
    }

    @Test
    void lessCpuPerRequestIsAnImprovement() {
        Comparison c = compare(r -> r.costs(5, 2, 20), r -> r.costs(3, 2, 20));
        assertThat(figure(c, Figure.CPU_PER_REQUEST).change()).isEqualTo(Change.BETTER);
        assertThat(c.verdict()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void aChangeSureEnoughForOneFigureIsNotEnoughAmongSeven() {
        // CPU +25 %: t = 3.54, 97.6 % sure alone, short of the 99.27 % each of seven figures needs
        Comparison c = compare(r -> r.costs(5, 2, 20), r -> r.costs(6.25, 2, 20));
        FigureChange cpu = figure(c, Figure.CPU_PER_REQUEST);
        assertThat(cpu.confidence()).isBetween(0.95, c.figureLevel());
        assertThat(cpu.change()).isEqualTo(Change.NOISE);
        assertThat(c.verdict()).isEqualTo(Verdict.EQUIVALENT);
    }

    @Test
    void aSlowerHostExplainsMoreCpuPerRequest() {
        // the candidate's CPU is 20 % slower (calibration 30 000 -> 24 000 per CPU second), and each request
        // took 25 % more CPU time: at the baseline's speed that is 5 ms again
        Comparison c = compare(r -> r.costs(5, 2, 20), r -> r.costs(6.25, 2, 20).calibration(24_000, 24_000));
        assertThat(c.comparability().hostSpeedDiffers()).isTrue();
        FigureChange cpu = figure(c, Figure.CPU_PER_REQUEST);
        assertThat(cpu.candidate()).isCloseTo(6.25, within(1e-9));
        assertThat(cpu.candidateAdjusted()).isCloseTo(5.0, within(1e-9));
        assertThat(cpu.change()).isEqualTo(Change.NOISE);
        assertThat(c.verdict()).isEqualTo(Verdict.EQUIVALENT);
    }

    @Test
    void aSlowerBuildOnTheSameHostIsNotExplainedAway() {
        Comparison c = compare(r -> r.costs(5, 2, 20), r -> r.costs(7, 2, 20).extraCpuUs(1000));
        assertThat(c.comparability().hostSpeedDiffers()).isFalse();
        assertThat(figure(c, Figure.CPU_PER_REQUEST).failsGate()).isTrue();
        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void aNewErrorFindingFailsTheGateAndAnOldOneDoesNot() {
        Comparison c = compare(
                r -> r.finding("USL_NOT_FITTED", "INFO").finding("POOL_ABOVE_DB_CORES", "ERROR"),
                r -> r.finding("POOL_ABOVE_DB_CORES", "ERROR").finding("DB_CONNECTION_BUDGET_EXCEEDED", "ERROR"));
        assertThat(c.newErrorFindings()).extracting(f -> f.code()).containsExactly("DB_CONNECTION_BUDGET_EXCEEDED");
        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void aChangedRecommendationIsSaidInTheUsersWords() {
        Comparison c =
                compare(r -> r.recommendation(3, 4, 4, "db.t3.micro"), r -> r.recommendation(4, 6, 5, "db.t3.small"));
        assertThat(c.recommendationChanges())
                .contains("one more node at peak (3 → 4)", "2 more replicas at peak (4 → 6)")
                .contains("a larger pool (4 → 5 per replica)", "database class db.t3.micro → db.t3.small");
        // reported, not failed, unless the gate says so
        assertThat(c.verdict()).isEqualTo(Verdict.EQUIVALENT);
        Comparison strict = Comparison.of(
                c.baseline(), c.candidate(), noise(), Gate.defaults().with(true, true, 0.95, Double.NaN, "t"), false);
        assertThat(strict.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void runsThatAreNotAlikeGetNoVerdictUnlessForced() {
        RunSummary a = run(r -> r.costs(5, 2, 20));
        RunSummary b = run(r -> r.costs(7, 2, 20).pool(20));
        assertThat(Comparison.of(a, b, noise(), Gate.defaults(), false).verdict())
                .isEqualTo(Verdict.NOT_COMPARABLE);
        Comparison forced = Comparison.of(a, b, noise(), Gate.defaults(), true);
        assertThat(forced.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(ComparisonReport.markdown(forced)).contains("Compared with --force although the runs are not alike");
    }

    @Test
    void withoutNoiseOnlyTheLimitDecides() {
        Comparison c = Comparison.of(
                run(r -> r.costs(5, 2, 20)), run(r -> r.costs(5, 2, 26)), Noise.none(), Gate.defaults(), false);
        FigureChange p95 = figure(c, Figure.P95_AT_REFERENCE);
        assertThat(p95.change()).isEqualTo(Change.WORSE);
        assertThat(p95.confidence()).isNaN();
        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(c.gateFailures().get(0)).contains("no noise measured");
    }

    @Test
    void theMarkdownSummaryLeadsWithTheVerdictAndNamesBothCommits() {
        Comparison c = compare(r -> r.costs(5, 2, 20), r -> r.costs(7, 2, 20).commit("2222222222bbbbbbbbbb"));
        String md = ComparisonReport.markdown(c);
        assertThat(md.lines().findFirst().orElseThrow()).isEqualTo("## Headroom: **regression**");
        assertThat(md).contains("`1111111111`").contains("`2222222222`").contains("| service CPU per request |");
        assertThat(md).contains("**fails**");
    }
}
