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
        assertThat(c.recommendationChanges().stream().map(m -> m.replace(Comparison.RECOMMENDATION_WITHIN_NOISE, "")))
                .contains("one more node at peak (3 → 4)", "2 more replicas at peak (4 → 6)")
                .contains("a larger pool (4 → 5 per replica)", "database class db.t3.micro → db.t3.small");
        // reported, not failed, unless the gate says so
        assertThat(c.verdict()).isEqualTo(Verdict.EQUIVALENT);
        // and even then not while every figure it rests on is within its noise (the fixtures' are equal)
        Comparison strict = Comparison.of(
                c.baseline(), c.candidate(), noise(), Gate.defaults().with(true, true, 0.95, Double.NaN, "t"), false);
        assertThat(strict.verdict()).isEqualTo(Verdict.EQUIVALENT);
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
    void withoutNoiseAFigureBeyondItsLimitIsReportedButCannotFailAlone() {
        // p95 +30 % against a 20 % limit, no noise known: the second night of an unchanged build
        // looks just like this, so it is said, and not a verdict.
        Comparison c = Comparison.of(
                run(r -> r.costs(5, 2, 20)), run(r -> r.costs(5, 2, 26)), Noise.none(), Gate.defaults(), false);
        FigureChange p95 = figure(c, Figure.P95_AT_REFERENCE);
        assertThat(p95.change()).isEqualTo(Change.UNJUDGED);
        assertThat(p95.failsGate()).isFalse();
        assertThat(p95.beyondLimitUnjudged()).isTrue();
        assertThat(c.verdict()).isNotEqualTo(Verdict.REGRESSION);
        assertThat(c.comparability().notes()).anySatisfy(n -> assertThat(n)
                .contains("p95 latency rose by 30.0 %", "noise is unknown", "not failed"));
    }

    @Test
    void aNewErrorFindingStillFailsWithoutNoise() {
        Comparison c = Comparison.of(
                run(r -> r.costs(5, 2, 20)),
                run(r -> r.costs(5, 2, 20).finding("SLO_NOT_MET_AT_ANY_STEP", "ERROR")),
                Noise.none(),
                Gate.defaults(),
                false);
        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void holdTimesLessThanAMillisecondApartAreWithinTheTimersResolution() {
        // The two nights: 0.812 and 0.645 ms, -20.6 % one way, +25.9 % the other, past the
        // 25 % limit. HikariCP records every hold in whole milliseconds: both means below 1 ms are the
        // share of holds that crossed a millisecond, not the typical hold.
        for (double[] pair : new double[][] {{0.812, 0.645}, {0.645, 0.812}}) {
            Comparison c = Comparison.of(
                    run(r -> r.costs(5, pair[0], 20)),
                    run(r -> r.costs(5, pair[1], 20)),
                    Noise.none(),
                    Gate.defaults(),
                    false);
            FigureChange hold = figure(c, Figure.CONNECTION_HOLD);
            assertThat(hold.change()).isEqualTo(Change.WITHIN_RESOLUTION);
            assertThat(hold.failsGate()).isFalse();
            assertThat(c.verdict()).isNotEqualTo(Verdict.REGRESSION);
        }
        // 2 -> 3.5 ms: above the resolution, judged against its noise (cv 2 %).
        Comparison real = compare(r -> r.costs(5, 2, 20), r -> r.costs(5, 3.5, 20));
        assertThat(figure(real, Figure.CONNECTION_HOLD).change()).isEqualTo(Change.WORSE);
        assertThat(real.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void aFigureNoisierThanItsLimitFailsOnlyBeyondWhatItsNoiseAllows() {
        // Hold-time cv 91 % over 5 runs (the README's nightly-smoke measure): t(0.99xx, 4 df) x
        // sqrt(2) x 0.91 is far above the 25 % limit, so the note names the wider threshold.
        Map<String, Noise.FigureNoise> f = new java.util.HashMap<>(noise().figures());
        f.put(Figure.CONNECTION_HOLD.key(), cv(0.91));
        Noise noisy = new Noise("test", "nightly", "", "", "", "", java.util.List.of(), f);
        Comparison c = Comparison.of(
                run(r -> r.costs(5, 2, 20)), run(r -> r.costs(5, 3.2, 20)), noisy, Gate.defaults(), false);
        FigureChange hold = figure(c, Figure.CONNECTION_HOLD);
        assertThat(hold.relativeChange()).isCloseTo(0.60, within(1e-9));
        assertThat(hold.change()).isEqualTo(Change.NOISE);
        double effective = hold.effectiveLimit(c.figureLevel());
        // the smallest move that is as sure as asked, by construction of the t test
        assertThat(Significance.confidence(effective, 0.91, 5)).isCloseTo(c.figureLevel(), within(1e-6));
        assertThat(effective).isGreaterThan(2.0);
        assertThat(c.comparability().notes()).anySatisfy(n -> assertThat(n)
                .contains("connection hold time", "more than its 25 % limit", "fails only beyond"));
    }

    @Test
    void aRecommendationThatFlipsWhileEveryFigureStaysWithinNoiseIsReportedAsNoise() {
        Gate strict = Gate.defaults().with(true, true, 0.95, Double.NaN, "t");
        Comparison c = Comparison.of(
                run(r -> r.costs(5, 2, 20).recommendation(3, 6, 2, "db.t3.small")),
                run(r -> r.costs(5, 2, 20).recommendation(3, 6, 3, "db.t3.small")),
                noise(),
                strict,
                false);
        assertThat(c.recommendationChanges()).singleElement().satisfies(m -> assertThat(m)
                .startsWith(Comparison.RECOMMENDATION_WITHIN_NOISE));
        assertThat(c.verdict()).isEqualTo(Verdict.EQUIVALENT);
        // The same flip with CPU per request 40 % up (cv 5 %): a real change, and a failure.
        Comparison real = Comparison.of(
                run(r -> r.costs(5, 2, 20).recommendation(3, 6, 2, "db.t3.small")),
                run(r -> r.costs(7, 2, 20).recommendation(3, 6, 3, "db.t3.small")),
                noise(),
                strict,
                false);
        assertThat(real.gateFailures()).anySatisfy(g -> assertThat(g).contains("the recommendation changed"));
    }

    @Test
    void theMarkdownSummaryLeadsWithTheVerdictAndNamesBothCommits() {
        Comparison c = compare(r -> r.costs(5, 2, 20), r -> r.costs(7, 2, 20).commit("2222222222bbbbbbbbbb"));
        String md = ComparisonReport.markdown(c);
        assertThat(md.lines().findFirst().orElseThrow()).isEqualTo("## Headroom: **regression**");
        assertThat(md).contains("`1111111111`").contains("`2222222222`").contains("| service CPU per request |");
        assertThat(md).contains("**fails**");
    }

    // --- capacity searches: compared on their capacity, never step by step -------------------------

    /**
     * SLO p95 100 ms (RunFixture): probe 60 passes, probe 120 falls behind (100 < 0.95 x 120 = 114),
     * confirm and repeat at 90 pass: capacity 90 req/s offered, read at the lesser of the two
     * full-length trials' throughputs.
     */
    private static RunFixture search(RunFixture r, String status, double capacityRps) {
        return r.search(status, "probe", "probe", "confirm", "repeat")
                .steps(
                        RunFixture.Step.of(60, 20, 5, 2),
                        new RunFixture.Step(120, 100, 400, 0.5, 2, true),
                        RunFixture.Step.of(capacityRps, 25, 5, 2),
                        RunFixture.Step.of(capacityRps, 26, 5, 2));
    }

    @Test
    void aSearchAndAStaircaseAreNotComparable() {
        Comparison c = compare(r -> r, r -> search(r, "found", 90));
        assertThat(c.verdict()).isEqualTo(Verdict.NOT_COMPARABLE);
        assertThat(c.comparability().reasons()).anySatisfy(why -> assertThat(why)
                .contains("is a staircase")
                .contains("is a capacity search")
                .contains("compare a search with a search"));
        assertThat(c.steps()).isEmpty();
    }

    @Test
    void twoSearchesAreComparedOnTheirCapacityNotStepByStep() {
        // capacity 90 -> 80 req/s: -11.1 %, beyond the 10 % limit, t = 0.111 / (sqrt 2 x 0.01) = 7.9
        Comparison c = compare(r -> search(r, "found", 90), r -> search(r, "found", 80));
        assertThat(c.steps()).isEmpty();
        FigureChange capacity = figure(c, Figure.CAPACITY_AT_SLO);
        assertThat(capacity.baseline()).isEqualTo(90);
        assertThat(capacity.candidate()).isEqualTo(80);
        assertThat(capacity.change()).isEqualTo(Change.WORSE);
        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        // the knee and max throughput depend on which trials ran: not compared
        assertThat(figure(c, Figure.MAX_THROUGHPUT).candidate()).isNaN();
        assertThat(c.comparability().notes()).anySatisfy(n -> assertThat(n).contains("not compared step by step"));
        // reference load: the middle of the base's plan (60, 90, 90, 120) is 90; the candidate's trial
        // nearest 90 is at 80: another rate, so its CPU per request is not set beside the base's
        assertThat(figure(c, Figure.CPU_PER_REQUEST).candidate()).isNaN();
        assertThat(c.comparability().notes())
                .anySatisfy(n -> assertThat(n).contains("at 90 and 80 req/s offered, not one rate"));
    }

    @Test
    void aSearchThatDidNotFindItsKneeIsNotComparedOnCapacity() {
        Comparison c = compare(r -> search(r, "found", 90), r -> search(r, "host_bound", 90));
        assertThat(figure(c, Figure.CAPACITY_AT_SLO).candidate()).isNaN();
        assertThat(c.comparability().notes())
                .anySatisfy(n ->
                        assertThat(n).contains("capacity at SLO not compared").contains("ended host_bound"));
    }

    /** {@link #noise()}, and the service-over-database CPU ratio's at cv 1 % over 5 runs. */
    private static Noise noiseWithRatio() {
        Map<String, Noise.FigureNoise> f = new java.util.HashMap<>(noise().figures());
        f.put(Figure.CPU_PER_DB_CPU.key(), cv(0.01));
        return new Noise("test", "nightly", "", "", "", "", java.util.List.of(), f);
    }

    private Comparison compareOnRatio(UnaryOperator<RunFixture> base, UnaryOperator<RunFixture> cand) {
        return Comparison.of(
                run(base), run(cand), noiseWithRatio(), Gate.defaults().withLimit(Figure.CPU_PER_DB_CPU, 0.05), false);
    }

    @Test
    void aSlowerHostMovesBothCpusAndNotTheirRatio() {
        // a host 25 % slower for both processes: service 5 -> 6.25 ms, database (a quarter of it) 1.25 ->
        // 1.5625 ms; the ratio stays 5 / 1.25 = 6.25 / 1.5625 = 4
        Comparison c = compareOnRatio(r -> r.costs(5, 2, 20), r -> r.costs(6.25, 2, 20));
        FigureChange ratio = figure(c, Figure.CPU_PER_DB_CPU);
        assertThat(ratio.baseline()).isCloseTo(4.0, within(1e-9));
        assertThat(ratio.candidate()).isCloseTo(4.0, within(1e-9));
        assertThat(ratio.change()).isEqualTo(Change.NOISE);
        // the service's own figure moved 25 %: t = 0.25 / (√2 · 0.05) = 3.5, short of the 99.4 % that
        // each of 8 judged figures must reach, so noise too; nothing fails
        assertThat(figure(c, Figure.CPU_PER_REQUEST).change()).isEqualTo(Change.NOISE);
        assertThat(c.gateFailures()).isEmpty();
        assertThat(c.verdict()).isEqualTo(Verdict.EQUIVALENT);
    }

    @Test
    void aDearerServiceOnASlowerHostFailsOnTheRatioThatItsOwnCpuCannotSee() {
        // the host 10 % slower and the service 10 % dearer: service 5 x 1.1 x 1.1 = 6.05 ms (+21 %), the
        // database 1.25 x 1.1 = 1.375 ms, a share of 1.375 / 6.05 = 0.22727 of the service's. CPU per
        // request: t = 0.21 / (√2 · 0.05) = 2.97, within its 5 % noise. The ratio: 4 -> 6.05 / 1.375 = 4.4,
        // +10 %: t = 0.10 / (√2 · 0.01) = 7.1 with 4 degrees of freedom, beyond its noise and its 5 % limit
        Comparison c =
                compareOnRatio(r -> r.costs(5, 2, 20), r -> r.costs(6.05, 2, 20).dbShare(1.375 / 6.05));
        FigureChange ratio = figure(c, Figure.CPU_PER_DB_CPU);
        assertThat(ratio.candidate()).isCloseTo(4.4, within(1e-9));
        assertThat(ratio.relativeChange()).isCloseTo(0.10, within(1e-9));
        assertThat(ratio.t()).isCloseTo(0.10 / (Math.sqrt(2) * 0.01), within(1e-9));
        assertThat(ratio.change()).isEqualTo(Change.WORSE);
        assertThat(ratio.failsGate()).isTrue();
        assertThat(figure(c, Figure.CPU_PER_REQUEST).change()).isEqualTo(Change.NOISE);
        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(c.gateFailures())
                .singleElement()
                .asString()
                .contains("service CPU per database CPU rose by 10.0 % (4.00 → 4.40 ×)");
    }

    @Test
    void withoutTheDatabasesCpuThereIsNoRatio() {
        Comparison c = compareOnRatio(
                r -> r.costs(5, 2, 20).dbShare(0), r -> r.costs(5, 2, 20).dbShare(0));
        FigureChange ratio = figure(c, Figure.CPU_PER_DB_CPU);
        assertThat(ratio.baseline()).isNaN();
        assertThat(ratio.failsGate()).isFalse();
        assertThat(c.verdict()).isEqualTo(Verdict.EQUIVALENT);
    }
}
