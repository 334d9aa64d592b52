package dev.headroom.load.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.scenario.SearchPhase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {

    /** A service that carries exactly {@code capacity} req/s, whatever the trial's length. */
    private static Function<Trial, TrialOutcome> sharpKnee(double capacity) {
        return t -> t.offeredRps() <= capacity
                ? TrialOutcome.passed(t, t.offeredRps(), 0.010)
                : TrialOutcome.failed(t, capacity, 2.0, false);
    }

    /**
     * A knee at 900 req/s whose {@code nth} full-length (30 s) trial at 875 req/s fails once on
     * noise; every other trial passes at or below 900.
     */
    private static Function<Trial, TrialOutcome> kneeAt900FailingFullAt875(int nth) {
        int[] fullAt875 = {0};
        return t -> {
            boolean noisyFail = t.durationS() >= 30 && t.offeredRps() == 875 && ++fullAt875[0] == nth;
            return t.offeredRps() <= 900 && !noisyFail
                    ? TrialOutcome.passed(t, t.offeredRps(), 0.01)
                    : TrialOutcome.failed(t, 900, 1.0, false);
        };
    }

    /**
     * A service whose short trials pass up to {@code shortCapacity} req/s and whose full-length
     * (30 s) ones hold only up to {@code fullCapacity}: a queue that grows slowly near the knee.
     */
    private static Function<Trial, TrialOutcome> shortOptimistic(double shortCapacity, double fullCapacity) {
        return t -> {
            double cap = t.durationS() >= 30 ? fullCapacity : shortCapacity;
            return t.offeredRps() <= cap
                    ? TrialOutcome.passed(t, t.offeredRps(), 0.01)
                    : TrialOutcome.failed(t, cap, 1.0, false);
        };
    }

    private static SearchResult run(CapacitySearch search, Function<Trial, TrialOutcome> service) {
        for (var t = search.next(); t.isPresent(); t = search.next()) search.record(service.apply(t.get()));
        return search.result();
    }

    private static List<String> trace(SearchResult r) {
        return r.trials().stream()
                .map(o -> o.trial().phase().csvName() + " "
                        + Math.round(o.trial().offeredRps()) + (o.passed() ? "+" : "-"))
                .toList();
    }

    @Test
    void doublesThenBisectsToFivePercentThenConfirmsAndRepeats() {
        SearchResult r = run(new CapacitySearch(SearchSettings.between(50, 10_000)), sharpKnee(900));
        // Hand-worked: probe 50, 100, 200, 400, 800 pass, 1600 fails -> [800, 1600];
        // bisect 1200 - [800,1200] 33 %; 1000 - [800,1000] 20 %; 900 + [900,1000] 10 %;
        // 950 - [900,950] 5.3 % > 5 %; 925 - [900,925] 2.7 % <= 5 %: stop.
        // confirm 900 (full length) +, then 2 repeats at 900 +: 6 + 5 + 1 + 2 = 14 trials.
        assertThat(trace(r))
                .containsExactly(
                        "probe 50+",
                        "probe 100+",
                        "probe 200+",
                        "probe 400+",
                        "probe 800+",
                        "probe 1600-",
                        "bisect 1200-",
                        "bisect 1000-",
                        "bisect 900+",
                        "bisect 950-",
                        "bisect 925-",
                        "confirm 900+",
                        "repeat 900+",
                        "repeat 900+");
        assertThat(r.status()).isEqualTo(SearchStatus.FOUND);
        assertThat(r.capacityRps()).isEqualTo(900);
        assertThat(r.lowestFailingRps()).isEqualTo(925);
        assertThat(r.relativeWidth()).isLessThanOrEqualTo(0.05);
        // 11 short trials of 10 s and 3 full of 30 s
        assertThat(r.trialSeconds()).isEqualTo(11 * 10 + 3 * 30);
        // three identical boundary throughputs: no spread, the interval's low end is the answer
        assertThat(r.boundaryThroughputsRps()).containsExactly(900.0, 900.0, 900.0);
        assertThat(r.intervalLowRps()).isEqualTo(900);
        assertThat(r.intervalHighRps()).isEqualTo(925);
    }

    @Test
    void runJsonCarriesTheAnswerItsIntervalAndTheSettings() {
        SearchSettings settings = SearchSettings.between(50, 10_000);
        Map<String, Object> json =
                run(new CapacitySearch(settings), sharpKnee(900)).runJson(settings);
        // the hand-worked search above: 900 found, 925 failed, width 25 / 925 = 2.7 %, 14 trials in 200 s
        assertThat(json)
                .containsEntry("status", "found")
                .containsEntry("capacity_rps", 900.0)
                .containsEntry("lowest_failing_rps", 925.0)
                .containsEntry("trials", 14)
                .containsEntry("trial_seconds", 200.0);
        assertThat((double) json.get("relative_width")).isCloseTo(25.0 / 925, within(1e-12));
        assertThat(json.get("settings"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("precision", 0.05)
                .containsEntry("repeats", 2);
    }

    @Test
    void theIntervalIsStudentTOverTheBoundaryTrials() {
        // 3 throughputs 880, 900, 920: mean 900, s = 20, t(0.975, 2) = 4.3027,
        // half width 4.3027 * 20 / sqrt(3) = 49.68 -> low end 850.3
        assertThat(CapacitySearch.meanMinusHalfWidth95(List.of(880.0, 900.0, 920.0)))
                .isCloseTo(850.32, within(0.01));
    }

    @Test
    void aFailedConfirmationMovesTheAnswerDownAndBisectsAtFullLength() {
        // Short trials pass up to 1000 req/s, full-length ones only up to 900 (a queue that grows slowly).
        Function<Trial, TrialOutcome> service = shortOptimistic(1000, 900);
        SearchResult r = run(new CapacitySearch(SearchSettings.between(500, 10_000)), service);
        // probe 500+, 1000+, 2000- ; bisect 1500-, 1250-, 1125-, 1062.5-, 1031.25- ([1000,1031] 3 %)
        // confirm 1000 fails at full length: one of three may (goal exceed ratio 0.5), so a repeat;
        // it fails too (2 > 3 / 2) -> hi 1000, lo 500 (the highest pass below);
        // the walk down at full length from 1000: 1000 x (1 - 0.05) = 950- (the midpoint 750 is
        // lower), 1000 x (1 - 0.10) = 900+ ([900, 950] 5.3 %), then bisection: 925- ([900, 925]
        // 2.7 %); 900 already passed at full length: 2 repeats. Bisecting from 500 instead took
        // 750+, 875+, 937.5-, 906.25- and answered 875: one full-length trial more, 25 req/s lower.
        assertThat(trace(r))
                .containsExactly(
                        "probe 500+",
                        "probe 1000+",
                        "probe 2000-",
                        "bisect 1500-",
                        "bisect 1250-",
                        "bisect 1125-",
                        "bisect 1063-",
                        "bisect 1031-",
                        "confirm 1000-",
                        "repeat 1000-",
                        "bisect 950-",
                        "bisect 900+",
                        "bisect 925-",
                        "repeat 900+",
                        "repeat 900+");
        assertThat(r.status()).isEqualTo(SearchStatus.FOUND);
        assertThat(r.capacityRps()).isEqualTo(900);
        assertThat(r.trials().subList(10, 15)).allMatch(o -> o.trial().durationS() == 30);
    }

    @Test
    void aWalkDownThatPassesAtOnceEndsWithinThePrecision() {
        // The 2026-12-05 default run: short trials passed at 717 req/s, full-length ones held only
        // up to 687. Here short trials pass up to 720, full-length ones up to 690; start 478.
        Function<Trial, TrialOutcome> service = shortOptimistic(720, 690);
        SearchResult r = run(new CapacitySearch(SearchSettings.between(478, 10_000)), service);
        // probe 478+, 956-; bisect 717+ ([717, 956] 25 %), 836.5- (14 %), 776.75- (7.7 %),
        // 746.875- ([717, 746.875] 4 %); confirm 717-, repeat 717- -> the walk from 717:
        // 717 x 0.95 = 681.15+ , and [681.15, 717] is 5 % wide (35.85 / 717): narrow, so the two
        // repeats at 681.15. Bisecting from 478 would have taken 597.5+, 657.25+, 687.125+ and then
        // its repeats: two full-length trials more.
        assertThat(trace(r))
                .containsExactly(
                        "probe 478+",
                        "probe 956-",
                        "bisect 717+",
                        "bisect 837-",
                        "bisect 777-",
                        "bisect 747-",
                        "confirm 717-",
                        "repeat 717-",
                        "bisect 681+",
                        "repeat 681+",
                        "repeat 681+");
        assertThat(r.status()).isEqualTo(SearchStatus.FOUND);
        assertThat(r.capacityRps()).isCloseTo(717 * 0.95, within(1e-9));
        assertThat(r.lowestFailingRps()).isEqualTo(717);
        assertThat(r.relativeWidth()).isLessThanOrEqualTo(0.05 + 1e-12);
    }

    @Test
    void aWalkDownNeverGoesBelowTheBracketsMidpoint() {
        // Full-length trials hold only 300 under a short knee of 1000; start 500, precision 0.05.
        Function<Trial, TrialOutcome> service = shortOptimistic(1000, 300);
        SearchResult r = run(new CapacitySearch(SearchSettings.between(500, 10_000)), service);
        // After confirm 1000- and repeat 1000- (lo 500): 950- (step 5 %), 900- (10 %), 800- (20 %),
        // then 1000 x 0.6 = 600 is below the midpoint of [500, 800] (650): 650-, then the midpoint
        // of [500, 650], 575-, then 537.5-, 518.75- ([500, 518.75] 3.6 %); 500 passed only short,
        // so it is confirmed at full length, and during a walk down a short pass's first full-length
        // fail is decisive: the walk starts again from 500, whose highest pass below is none: the
        // search probes down by halving, and 250 passes.
        List<String> t = trace(r);
        assertThat(t.subList(10, 17))
                .containsExactly(
                        "bisect 950-",
                        "bisect 900-",
                        "bisect 800-",
                        "bisect 650-",
                        "bisect 575-",
                        "bisect 538-",
                        "bisect 519-");
        assertThat(t.subList(17, t.size())).containsExactly("confirm 500-", "probe 250+", "confirm 250+");
        // the 20-trial budget ends it there, before 250's repeats: a lower bound
        assertThat(r.status()).isEqualTo(SearchStatus.BUDGET_EXHAUSTED);
        assertThat(r.capacityRps()).isEqualTo(250);
    }

    @Test
    void inAWalkDownAShortPassesFirstFullLengthFailIsDecisive() {
        // Short trials pass up to 980 req/s, full-length ones hold only up to 910; start 500.
        SearchResult r = run(new CapacitySearch(SearchSettings.between(500, 10_000)), shortOptimistic(980, 910));
        // Hand-worked: probe 500+, 1000-; bisect 750+ (25 %), 875+ (12.5 %), 937.5+ (6.25 %), 968.75+
        // ([968.75, 1000] 3.1 %); confirm 968.75-, repeat 968.75- (the first answer: one of three
        // may fail, the second is one too many) -> the walk down: the highest pass below, 937.5,
        // is within 3.2 % of 968.75, so it is confirmed: it fails, and as a short pass in a walk
        // down its first full-length fail is decisive (before: a repeat that failed too) -> lo 875,
        // hi 937.5 (6.7 %): a full-length bisection at max(906.25 (the midpoint), 937.5 x 0.95 =
        // 890.6) = 906.25+ ([906.25, 937.5] 3.3 %), and its two repeats: 12 trials, not 13.
        assertThat(trace(r))
                .containsExactly(
                        "probe 500+",
                        "probe 1000-",
                        "bisect 750+",
                        "bisect 875+",
                        "bisect 938+",
                        "bisect 969+",
                        "confirm 969-",
                        "repeat 969-",
                        "confirm 938-",
                        "bisect 906+",
                        "repeat 906+",
                        "repeat 906+");
        assertThat(r.status()).isEqualTo(SearchStatus.FOUND);
        assertThat(r.capacityRps()).isEqualTo(906.25);
        assertThat(r.lowestFailingRps()).isEqualTo(937.5);
    }

    @Test
    void oneNoisyFailAmongThreeFullLengthTrialsDoesNotMoveTheAnswer() {
        // a knee at 900; the second full-length trial at the answer fails once on noise
        SearchResult r = run(new CapacitySearch(SearchSettings.between(500, 10_000)), kneeAt900FailingFullAt875(2));
        // probe 500+, 1000- ; bisect 750+, 875+, 937.5-, 906.25- ([875, 906.25]: 3.4 %);
        // confirm 875+, repeat 875- (1 of 3 may fail), repeat 875+: the answer stays 875
        assertThat(trace(r))
                .containsExactly(
                        "probe 500+",
                        "probe 1000-",
                        "bisect 750+",
                        "bisect 875+",
                        "bisect 938-",
                        "bisect 906-",
                        "confirm 875+",
                        "repeat 875-",
                        "repeat 875+");
        assertThat(r.status()).isEqualTo(SearchStatus.FOUND);
        assertThat(r.capacityRps()).isEqualTo(875);
        assertThat(r.boundaryThroughputsRps()).containsExactly(875.0, 875.0); // the passes only
    }

    @Test
    void aToleratedFailWithOneRepeatGetsOneMoreTrialForTheInterval() {
        // repeats 1: two full-length trials, one of which may fail. A knee at 900; the confirmation
        // at 875 fails once on noise, the repeat passes: one pass cannot give an interval, so one
        // more repeat is made (it passes: 2 passes, 1 fail, the answer stays 875).
        SearchResult r = run(
                new CapacitySearch(SearchSettings.between(500, 10_000).withRepeats(1)), kneeAt900FailingFullAt875(1));
        assertThat(trace(r)).endsWith("bisect 906-", "confirm 875-", "repeat 875+", "repeat 875+");
        assertThat(r.status()).isEqualTo(SearchStatus.FOUND);
        assertThat(r.boundaryThroughputsRps()).containsExactly(875.0, 875.0);
        assertThat(r.intervalLowRps()).isEqualTo(875); // no spread: the answer itself
    }

    @Test
    void aServiceFasterThanTheCeilingGivesALowerBound() {
        SearchResult r = run(new CapacitySearch(SearchSettings.between(100, 700)), sharpKnee(5_000));
        // 100, 200, 400, 700 (capped at the maximum) pass; confirm and 2 repeats at 700
        assertThat(trace(r))
                .containsExactly(
                        "probe 100+",
                        "probe 200+",
                        "probe 400+",
                        "probe 700+",
                        "confirm 700+",
                        "repeat 700+",
                        "repeat 700+");
        assertThat(r.status()).isEqualTo(SearchStatus.CEILING_REACHED);
        assertThat(r.capacityRps()).isEqualTo(700);
        assertThat(r.lowestFailingRps()).isNaN();
    }

    @Test
    void aServiceThatFailsAtTheFloorHasNoCapacity() {
        SearchResult r =
                run(new CapacitySearch(SearchSettings.between(400, 10_000).withMinRps(100)), sharpKnee(10));
        // 400 -, 200 -, 100 -, and 50 would be below the floor of 100
        assertThat(trace(r)).containsExactly("probe 400-", "probe 200-", "probe 100-");
        assertThat(r.status()).isEqualTo(SearchStatus.FAILED_AT_FLOOR);
        assertThat(r.capacityRps()).isNaN();
    }

    @Test
    void startingAboveTheKneeProbesDownThenBisects() {
        SearchResult r = run(new CapacitySearch(SearchSettings.between(800, 10_000)), sharpKnee(300));
        // 800 -, 400 -, 200 + -> [200, 400]; 300 +, 350 -, 325 -, 312.5 - ([300, 312.5] 4 %)
        assertThat(trace(r))
                .startsWith(
                        "probe 800-",
                        "probe 400-",
                        "probe 200+",
                        "bisect 300+",
                        "bisect 350-",
                        "bisect 325-",
                        "bisect 313-",
                        "confirm 300+");
        assertThat(r.capacityRps()).isEqualTo(300);
    }

    @Test
    void aHostThatSaturatesFirstIsSaidToBeTheLimit() {
        // the service would carry 900, but the host cannot drive more than 700
        Function<Trial, TrialOutcome> service = t -> t.offeredRps() > 700
                ? TrialOutcome.invalid(t, 700, "host idle 0.05 cores")
                : sharpKnee(900).apply(t);
        SearchResult r = run(new CapacitySearch(SearchSettings.between(100, 10_000)), service);
        assertThat(r.status()).isEqualTo(SearchStatus.HOST_BOUND);
        // the bracket [lo, hi) holds the host's limit 700, to 5 %
        assertThat(r.capacityRps()).isLessThanOrEqualTo(700).isGreaterThanOrEqualTo(700 * 0.95);
        // the host-limited trials stay in the record, with their reason
        assertThat(r.trials()).anyMatch(o -> !o.valid() && o.invalidReason().contains("host idle"));
        // each host-limited trial was made a second time, at once, before it bounded the search
        List<TrialOutcome> t = r.trials();
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).valid()) continue;
            boolean first = i == 0
                    || t.get(i - 1).valid()
                    || t.get(i - 1).trial().offeredRps() != t.get(i).trial().offeredRps();
            if (first) {
                assertThat(t.get(i + 1).trial().offeredRps())
                        .isEqualTo(t.get(i).trial().offeredRps());
                assertThat(t.get(i + 1).trial().phase())
                        .isEqualTo(t.get(i).trial().phase());
            }
        }
    }

    @Test
    void aTrialANeighbourLimitedOnceIsMadeAgainAndTheSearchGoesOnAsWithoutIt() {
        // a knee at 900; a build beside the run saturates the host during trial 2 only
        Function<Trial, TrialOutcome> service = t -> t.number() == 2
                ? TrialOutcome.invalid(t, 500, "host CPU saturated (0.05 cores idle)")
                : sharpKnee(900).apply(t);
        SearchResult r = run(new CapacitySearch(SearchSettings.between(400, 10_000)), service);
        // Hand-worked: probe 400 +, 800 invalid -> made again: 800 +; 1600 -; bisect 1200 -, 1000 -,
        // 900 +, 950 -, 925 - ((925 - 900) / 925 = 2.7 %); confirm 900 and two repeats: 12 trials,
        // the answer of the same search on a quiet host (probe 400, 800 +, ...: 11 trials)
        assertThat(trace(r))
                .containsExactly(
                        "probe 400+",
                        "probe 800-",
                        "probe 800+",
                        "probe 1600-",
                        "bisect 1200-",
                        "bisect 1000-",
                        "bisect 900+",
                        "bisect 950-",
                        "bisect 925-",
                        "confirm 900+",
                        "repeat 900+",
                        "repeat 900+");
        assertThat(r.status()).isEqualTo(SearchStatus.FOUND);
        assertThat(r.capacityRps()).isEqualTo(900);
        SearchResult quiet = run(new CapacitySearch(SearchSettings.between(400, 10_000)), sharpKnee(900));
        assertThat(quiet.capacityRps()).isEqualTo(r.capacityRps());
        assertThat(quiet.trials()).hasSize(r.trials().size() - 1);
    }

    @Test
    void aFullLengthTrialTheHostLimitedOnceDoesNotCountAgainstTheAnswer() {
        // the confirmation at 900 (trial 9 from 400) is host-limited once: made again, it passes, and
        // the answer still needs its two repeats, not one more for a "tolerated fail"
        Function<Trial, TrialOutcome> service = t -> t.number() == 9
                ? TrialOutcome.invalid(t, 880, "host CPU saturated (0.05 cores idle)")
                : sharpKnee(900).apply(t);
        SearchResult r = run(new CapacitySearch(SearchSettings.between(400, 10_000)), service);
        assertThat(trace(r)).endsWith("bisect 925-", "confirm 900-", "confirm 900+", "repeat 900+", "repeat 900+");
        assertThat(r.status()).isEqualTo(SearchStatus.FOUND);
        assertThat(r.capacityRps()).isEqualTo(900);
        assertThat(r.boundaryThroughputsRps()).containsExactly(900.0, 900.0, 900.0);
    }

    @Test
    void theTrialBudgetEndsTheSearchAndSaysSo() {
        SearchResult r =
                run(new CapacitySearch(SearchSettings.between(50, 10_000).withBudget(4, 600)), sharpKnee(900));
        // Hand-worked: probe 50 passes (trial 1). Probing 100 would leave 4 - 2 = 2 trials, fewer
        // than the confirmation and 2 repeats an answer needs, so 50 is confirmed and repeated.
        assertThat(trace(r)).containsExactly("probe 50+", "confirm 50+", "repeat 50+", "repeat 50+");
        assertThat(r.status()).isEqualTo(SearchStatus.BUDGET_EXHAUSTED);
        assertThat(r.capacityRps()).isEqualTo(50); // a lower bound, measured at full length
        assertThat(r.boundaryThroughputsRps()).hasSize(3);
    }

    @Test
    void theTimeBudgetCountsTheTrialsThatWouldBeMade() {
        // 100 s: probe 50 (10 s); probing 100 (10 s) would leave 80 s, less than the 3 x 30 s an
        // answer needs, so 50 is confirmed and repeated: 10 + 30 + 30 + 30 = 100 s
        SearchResult r =
                run(new CapacitySearch(SearchSettings.between(50, 10_000).withBudget(100, 100)), sharpKnee(900));
        assertThat(trace(r)).containsExactly("probe 50+", "confirm 50+", "repeat 50+", "repeat 50+");
        assertThat(r.trialSeconds()).isEqualTo(100);
        assertThat(r.status()).isEqualTo(SearchStatus.BUDGET_EXHAUSTED);
    }

    @Test
    void aBudgetThatRunsOutWhileBisectingConfirmsTheBracketReached() {
        // The hand-worked search of 900 above takes 14 trials; with 12, the narrowing stops where
        // a bisection would leave fewer than 3 trials for the answer's full-length ones:
        // probe 50..800 +, 1600 - (6 trials), bisect 1200 - (7), 1000 - (8), 900 + (9); the next
        // bisection (10) would leave 12 - 10 = 2 < 3: confirm 900, repeat 900 twice (12).
        SearchResult r =
                run(new CapacitySearch(SearchSettings.between(50, 10_000).withBudget(12, 10_000)), sharpKnee(900));
        assertThat(trace(r))
                .endsWith("bisect 1000-", "bisect 900+", "confirm 900+", "repeat 900+", "repeat 900+")
                .hasSize(12);
        assertThat(r.status()).isEqualTo(SearchStatus.BUDGET_EXHAUSTED);
        assertThat(r.capacityRps()).isEqualTo(900);
        assertThat(r.lowestFailingRps()).isEqualTo(1000); // a 10 % bracket, wider than the 5 % asked
        assertThat(r.intervalLowRps()).isEqualTo(900);
    }

    /**
     * Without noise the answer is the lower end of a bracket [lo, hi) that holds the capacity C
     * and is at most 5 % wide relative to hi, so C * 0.95 < lo <= C: swept over capacities from
     * 60 to 6000 req/s (each start 50, doubling), in at most 8 + 5 + 3 trials: doubling from 50 to
     * 6400 takes 8 probes; after k bisections the width is lo0 / 2^k and hi > lo0, so the relative
     * width is below 1 / 2^k, within 5 % at k = 5; plus the confirmation and 2 repeats.
     */
    @Test
    void anyKneeIsBracketedWithinThePrecision() {
        for (double c = 60; c <= 6000; c *= 1.37) {
            SearchResult r = run(new CapacitySearch(SearchSettings.between(50, 20_000)), sharpKnee(c));
            assertThat(r.status()).isEqualTo(SearchStatus.FOUND);
            assertThat(r.capacityRps()).isLessThanOrEqualTo(c).isGreaterThan(c * 0.95);
            assertThat(r.lowestFailingRps()).isGreaterThan(c);
            assertThat(r.relativeWidth()).isLessThanOrEqualTo(0.05);
            assertThat(r.trials().size()).isLessThanOrEqualTo(8 + 5 + 3);
        }
    }

    /**
     * A noisy service: a trial passes when its rate is below the capacity times (1 + e), e normal
     * with sd 2 % in a short trial and 1 % in a full one (a longer window averages more). The
     * answer is the lower end of a bracket at most 5 % wide, so it may be 5 % low without noise;
     * noise can push the bracket lower when a short trial near the knee fails by chance (e below
     * -2 sd: 2.3 % a trial), so at least 95 % of 500 seeded searches must land in [0.91 C, 1.05 C]
     * (5 % of width plus 2 sd), none beyond 15 %. Overshooting 5 % needs every full-length trial
     * at the answer to pass with e above 5 sd: never. And no search exceeds the 20-trial budget.
     */
    @Test
    void convergesWithinThePrecisionOnANoisyServiceInBoundedTrials() {
        double capacity = 737;
        SplittableRandom random = new SplittableRandom(12);
        int within = 0;
        int runs = 500;
        for (int i = 0; i < runs; i++) {
            Function<Trial, TrialOutcome> service = t -> {
                double sd = t.durationS() >= 30 ? 0.01 : 0.02;
                double e = sd * gaussian(random);
                return t.offeredRps() <= capacity * (1 + e)
                        ? TrialOutcome.passed(t, t.offeredRps(), 0.01)
                        : TrialOutcome.failed(t, capacity, 1.0, false);
            };
            SearchResult r = run(new CapacitySearch(SearchSettings.between(50, 20_000)), service);
            double ratio = r.capacityRps() / capacity;
            assertThat(r.trials().size()).isLessThanOrEqualTo(20);
            assertThat(ratio).isBetween(0.85, 1.05);
            if (ratio >= 0.91) within++;
        }
        assertThat(within).isGreaterThanOrEqualTo(runs * 95 / 100);
    }

    /**
     * A search cut short by its budget still brackets its answer from above, with one exception: a
     * retest passed, clearing the lowest fail, and nothing failed above it before the budget ran out
     * (SearchIT accepts an open bracket only then). Over 5,000 seeded searches on SearchIT's smoke
     * settings (12 trials, 80 s, 3 s and 6 s trials, 20 % precision) of services cold for their
     * first 0-5 trials (a knee 30 % lower on 50 % more CPU a request), noisy and sometimes limited by
     * the host: measured here, about 1 % end open, every one after a retest that passed.
     */
    @Test
    void aSearchCutShortIsOpenAboveOnlyAfterARetestPassed() {
        SplittableRandom random = new SplittableRandom(3);
        int open = 0;
        for (int i = 0; i < 5000; i++) {
            double start = 40 + random.nextDouble(300);
            SearchSettings smoke = new SearchSettings(start, start / 16, 3000, 2, 0.2, 3, 6, 1, 12, 80);
            double knee = 200 + random.nextDouble(800);
            int cold = random.nextInt(6);
            SearchResult r = run(new CapacitySearch(smoke), t -> {
                if (random.nextDouble() < 0.03) return TrialOutcome.invalid(t, t.offeredRps() * 0.9, "host");
                boolean c = t.number() <= cold;
                double cap = knee * (c ? 0.7 : 1) * (1 + (t.durationS() >= 6 ? 0.01 : 0.03) * gaussian(random));
                TrialOutcome o = t.offeredRps() <= cap
                        ? TrialOutcome.passed(t, t.offeredRps(), 0.01)
                        : TrialOutcome.failed(t, Math.min(t.offeredRps(), cap), 1.0, false);
                return o.withCpuMsPerRequest(c ? 0.9 : 0.6);
            });
            boolean anyFail = r.trials().stream().anyMatch(o -> o.valid() && !o.passed());
            if (r.status() != SearchStatus.BUDGET_EXHAUSTED || !anyFail || !Double.isNaN(r.lowestFailingRps()))
                continue;
            open++;
            assertThat(r.trials())
                    .as(trace(r).toString())
                    .anyMatch(o -> o.trial().phase() == SearchPhase.RETEST && o.passed());
        }
        assertThat(open).isPositive();
    }

    @Test
    void theProtocolIsProposeThenRecord() {
        CapacitySearch s = new CapacitySearch(SearchSettings.between(50, 1000));
        Trial first = s.next().orElseThrow();
        assertThatThrownBy(s::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("trial 1");
        Trial other = new Trial(1, SearchPhase.PROBE, 60, 10);
        assertThatThrownBy(() -> s.record(TrialOutcome.passed(other, 60, 0.01)))
                .isInstanceOf(IllegalStateException.class);
        s.record(TrialOutcome.passed(first, 50, 0.01));
        assertThatThrownBy(s::result).isInstanceOf(IllegalStateException.class);
    }

    /**
     * A service whose JIT is still compiling for its first three trials: it then carries 590 req/s
     * on 0.86 ms of CPU a request, afterwards 700 req/s on 0.68 ms ({@code warmCpuMs}).
     */
    private static Function<Trial, TrialOutcome> warmingAfterThreeTrials(double warmCpuMs) {
        return t -> {
            boolean cold = t.number() <= 3;
            double capacity = cold ? 590 : 700;
            double cpu = cold ? 0.86 : warmCpuMs;
            TrialOutcome o = t.offeredRps() <= capacity
                    ? TrialOutcome.passed(t, t.offeredRps(), 0.010)
                    : TrialOutcome.failed(t, capacity, 2.0, false);
            return o.withCpuMsPerRequest(cpu);
        };
    }

    @Test
    void aShortFailOnMoreCpuPerRequestThanTheAnswerIsRetestedOnceAndTheSearchGoesOnAboveIt() {
        SearchResult r = run(new CapacitySearch(SearchSettings.between(400, 10_000)), warmingAfterThreeTrials(0.68));
        // Hand-worked: probe 400 +, 800 - (cold); bisect 600 - (cold, 0.86 ms), 500 +, 550 +, 575 +
        // (warm from trial 4, 0.68 ms): (600 - 575) / 600 = 4.2 % <= 5 %. Before confirming 575:
        // 0.86 > 0.68 x 1.1 = 0.748 (its short pass), so the fail at 600 is stale, retested once:
        // + (700 warm). Then [600, 800]: bisect 700 +, [700, 800] 12.5 %; 750 -, 6.7 %; 725 -, 3.4 %:
        // the fails at 725 ran on 0.68 ms, the answer's own: no retest; confirm 700 and two repeats.
        assertThat(trace(r))
                .containsExactly(
                        "probe 400+",
                        "probe 800-",
                        "bisect 600-",
                        "bisect 500+",
                        "bisect 550+",
                        "bisect 575+",
                        "retest 600+",
                        "bisect 700+",
                        "bisect 750-",
                        "bisect 725-",
                        "confirm 700+",
                        "repeat 700+",
                        "repeat 700+");
        assertThat(r.status()).isEqualTo(SearchStatus.FOUND);
        assertThat(r.capacityRps()).isEqualTo(700);
        assertThat(r.lowestFailingRps()).isEqualTo(725);
        // 10 short trials of 10 s, 3 full of 30 s: 575's three full-length trials are not made
        assertThat(r.trialSeconds()).isEqualTo(10 * 10 + 3 * 30);
    }

    @Test
    void aRetestThatPassesWithNothingFailedAboveClimbsByStepsOfThePrecision() {
        SearchResult r = run(new CapacitySearch(SearchSettings.between(300, 10_000)), warmingAfterThreeTrials(0.68));
        // Hand-worked: probe 300 +, 600 - (cold, 0.86 ms); bisect 450 + (cold), 525 + (warm from
        // trial 4: 700 req/s, 0.68 ms), 562.5 + ([562.5, 600] 6.25 %), 581.25 + (3.1 %); before
        // confirming, retest 600 (0.86 > 0.68 x 1.1) +, and nothing failed above it: climb from 600
        // by 5, 10, 20 %: 630 +, 660 +, 720 - ([660, 720] 8.3 %); bisect 690 + ([690, 720] 4.2 %);
        // confirm and two repeats at 690. Doubling from 600 took 1200 -, 900 -, 750 -, 675 +,
        // 712.5 -, 693.75 +: six short trials where the climb takes four.
        assertThat(trace(r))
                .containsExactly(
                        "probe 300+",
                        "probe 600-",
                        "bisect 450+",
                        "bisect 525+",
                        "bisect 563+",
                        "bisect 581+",
                        "retest 600+",
                        "probe 630+",
                        "probe 660+",
                        "probe 720-",
                        "bisect 690+",
                        "confirm 690+",
                        "repeat 690+",
                        "repeat 690+");
        assertThat(r.status()).isEqualTo(SearchStatus.FOUND);
        assertThat(r.capacityRps()).isEqualTo(690);
        assertThat(r.lowestFailingRps()).isEqualTo(720);
    }

    @Test
    void aFailOnTheAnswersCpuPerRequestOrWithoutAFigureIsNotRetested() {
        // the fail at 600 ran on 0.86 ms, the answer on 0.80: 0.86 <= 0.80 x 1.1 = 0.88, the same service
        SearchResult same = run(new CapacitySearch(SearchSettings.between(400, 10_000)), warmingAfterThreeTrials(0.80));
        assertThat(trace(same)).doesNotContain("retest 600+", "retest 600-");
        assertThat(same.capacityRps()).isEqualTo(575);
        assertThat(same.trials()).hasSize(9);
        // no CPU figures at all (a service without metrics): nothing to compare, nothing retested
        SearchResult unmeasured = run(
                new CapacitySearch(SearchSettings.between(400, 10_000)),
                t -> warmingAfterThreeTrials(0.68).apply(t).withCpuMsPerRequest(Double.NaN));
        assertThat(unmeasured.trials()).noneMatch(o -> o.trial().phase() == SearchPhase.RETEST);
        assertThat(unmeasured.capacityRps()).isEqualTo(575);
    }

    @Test
    void aRetestThatFailsAgainEndsTheSearchAtTheAnswer() {
        // the JIT never finishes: 590 req/s throughout, but the answer's trials ran on 0.68 ms
        Function<Trial, TrialOutcome> service = t -> {
            TrialOutcome o = t.offeredRps() <= 590
                    ? TrialOutcome.passed(t, t.offeredRps(), 0.010)
                    : TrialOutcome.failed(t, 590, 2.0, false);
            return o.withCpuMsPerRequest(t.number() <= 3 ? 0.86 : 0.68);
        };
        SearchResult r = run(new CapacitySearch(SearchSettings.between(400, 10_000)), service);
        // as above to the short pass at 575 (0.68 ms), then retest 600 - (now 0.68 ms, the answer's):
        // no second retest; 575 is confirmed and repeated
        assertThat(trace(r)).endsWith("bisect 575+", "retest 600-", "confirm 575+", "repeat 575+", "repeat 575+");
        assertThat(r.status()).isEqualTo(SearchStatus.FOUND);
        assertThat(r.capacityRps()).isEqualTo(575);
        assertThat(r.lowestFailingRps()).isEqualTo(600);
    }

    /** SearchIT's search-smoke: from 200 req/s, 20 %, 3 s short and 6 s full trials, one repeat, 12 trials, 80 s. */
    /**
     * What the CI host did to SearchIT (2026-12-04), scripted by trial number: trials 1 and 3-8 pass,
     * every other fails; CPU per request 1.5 ms at trial 2, 1.4 at 4, 1.0 elsewhere (a JIT still
     * compiling, then warm).
     */
    private static Function<Trial, TrialOutcome> compilingThenClimbing() {
        return t -> {
            boolean pass = Set.of(1, 3, 4, 5, 6, 7, 8).contains(t.number());
            TrialOutcome o = pass
                    ? TrialOutcome.passed(t, t.offeredRps(), 0.010)
                    : TrialOutcome.failed(t, t.offeredRps() * 0.8, 2.0, false);
            return o.withCpuMsPerRequest(t.number() == 2 ? 1.5 : t.number() == 4 ? 1.4 : 1.0);
        };
    }

    private static SearchSettings smoke() {
        return new SearchSettings(200, 200 / 16.0, 3000, 2, 0.2, 3, 6, 1, 12, 80);
    }

    /**
     * The first 11 trials of compilingThenClimbing() on smoke(), worked by hand in
     * aShortRetestPassWhoseConfirmationFailsAfterAWalkIsDecisive: both budget tests see them.
     */
    private static final List<String> COMPILING_THEN_CLIMBING_TO_480 = List.of(
            "probe 200+",
            "probe 400-",
            "bisect 300+",
            "bisect 350+",
            "confirm 350+",
            "repeat 350+",
            "retest 400+",
            "probe 480+",
            "probe 560-",
            "confirm 480-",
            "repeat 480-");

    @Test
    void aBudgetThatEndsBeforeALoweredAnswerIsConfirmedAnswersWithTheRateConfirmedBelow() {
        // The same scripted service as aShortRetestPassWhoseConfirmationFailsAfterAWalkIsDecisive,
        // with 11 trials: after repeat 480- (trial 11) the answer drops to 400, which only a short
        // retest measured, and no trial is left to confirm it: the budget ends the search, and the
        // answer is the rate confirmed below it, 350 (its two full-length passes), below the
        // lowest rate that failed at full length, 480.
        SearchResult r = run(new CapacitySearch(smoke().withBudget(11, 80)), compilingThenClimbing());
        assertThat(trace(r)).containsExactlyElementsOf(COMPILING_THEN_CLIMBING_TO_480);
        assertThat(r.status()).isEqualTo(SearchStatus.BUDGET_EXHAUSTED);
        assertThat(r.capacityRps()).isEqualTo(350);
        assertThat(r.boundaryThroughputsRps()).containsExactly(350.0, 350.0);
        assertThat(r.lowestFailingRps()).isEqualTo(480); // the retest showed the fail at 400 stale
    }

    /** A host-limited confirmation in a walk down keeps the tolerance: it says nothing of the service. */
    @Test
    void aHostLimitedConfirmationInAWalkDownIsNotDecisive() {
        // shortOptimistic(980, 910) from 500 as in inAWalkDownAShortPassesFirstFullLengthFailIsDecisive,
        // but the host limits trial 9 (confirm 937.5) and its making again (10). The first is
        // superseded; the second counts as one full-length fail at the answer, and one of three is
        // tolerated (a valid one would have been decisive): the next trial is a repeat at 937.5, not
        // the walk's bisection at 906.25. That repeat is valid and fails: decisive, as in the walk.
        Function<Trial, TrialOutcome> service = t -> t.number() == 9 || t.number() == 10
                ? TrialOutcome.invalid(t, t.offeredRps(), "host CPU saturated (0.05 cores idle)")
                : shortOptimistic(980, 910).apply(t);
        SearchResult r = run(new CapacitySearch(SearchSettings.between(500, 10_000)), service);
        List<String> t = trace(r);
        assertThat(t.subList(8, 12)).containsExactly("confirm 938-", "confirm 938-", "repeat 938-", "bisect 906+");
        assertThat(r.capacityRps()).isEqualTo(906.25);
    }

    @Test
    void aShortRetestPassWhoseConfirmationFailsAfterAWalkIsDecisive() {
        // What the CI host did to SearchIT (2026-12-04, an answer no full-length trial measured),
        // scripted by trial number: a service still compiling fails 400 short on 1.5 ms a request,
        // confirms 350 on 1.0 ms, then passes the retest at 400 and a climb to 480 that its
        // full-length trials do not hold.
        SearchResult r = run(new CapacitySearch(smoke()), compilingThenClimbing());
        // Hand-worked: probe 200 +, 400 -; bisect 300 + ((400 - 300) / 400 = 25 % > 20 %), 350 +
        // (12.5 %) on 1.4 ms: 1.5 <= 1.4 x 1.1 = 1.54, not stale against the short pass, so no retest
        // before confirming; confirm 350 +, repeat 350 + (trials 5, 6) on 1.0 ms, and now 1.5 >
        // 1.0 x 1.1: retest 400 + (7),
        // nothing failed above it: climb 400 x 1.2 = 480 + (8), 400 x 1.4 = 560 - (9; (560 - 480) /
        // 560 = 14 %); confirm 480 - (10, tolerated: 1 of 2 may fail), repeat 480 - (11, 2 of 2
        // failed): the answer drops to the highest pass below 480, 400, which only a short retest
        // measured; its confirmation fails (12), and in a walk down that fail is decisive: the
        // answer is 350, confirmed and repeated at full length, below a full-length fail at 400
        // ((400 - 350) / 400 = 12.5 %, within the 20 %): found in the 12 trials.
        List<String> walk = new java.util.ArrayList<>(COMPILING_THEN_CLIMBING_TO_480);
        walk.add("confirm 400-");
        assertThat(trace(r)).containsExactlyElementsOf(walk);
        assertThat(r.status()).isEqualTo(SearchStatus.FOUND);
        assertThat(r.capacityRps()).isEqualTo(350);
        assertThat(r.boundaryThroughputsRps()).containsExactly(350.0, 350.0);
        // the retest showed the short fail at 400 stale; the full-length one at 400 is not
        assertThat(r.lowestFailingRps()).isEqualTo(400);
    }

    @Test
    void aHostLimitedBisectionIsNotMadeAgainWithTheAnswersTrials() {
        // the 12-trial search of 900 above (aBudgetThatRunsOutWhileBisectingConfirmsTheBracketReached),
        // but the host limits bisection 900 (trial 9). Made again (10), it would leave 2 trials for
        // the answer's 3; so it counts for nothing, and 800 (a short probe pass) is confirmed and
        // repeated twice: trials 10-12, a [800, 1000) bracket, every trial of the answer made.
        Function<Trial, TrialOutcome> service = t -> t.number() == 9
                ? TrialOutcome.invalid(t, 850, "host CPU saturated (0.05 cores idle)")
                : sharpKnee(900).apply(t);
        SearchResult r =
                run(new CapacitySearch(SearchSettings.between(50, 10_000).withBudget(12, 10_000)), service);
        assertThat(trace(r))
                .endsWith("bisect 1000-", "bisect 900-", "confirm 800+", "repeat 800+", "repeat 800+")
                .hasSize(12);
        assertThat(r.trials().get(8).valid()).isFalse();
        assertThat(r.status()).isEqualTo(SearchStatus.BUDGET_EXHAUSTED);
        assertThat(r.capacityRps()).isEqualTo(800);
        assertThat(r.lowestFailingRps()).isEqualTo(1000);
        assertThat(r.boundaryThroughputsRps()).hasSize(3);
    }

    @Test
    void aHostLimitedFirstTrialIsMadeAgainEvenOnABudgetTooSmallForTheAnswer() {
        // 4 trials: the host limits probe 50 (trial 1). Nothing passed yet, so there is no answer
        // whose reserve it could spend: it is made again (2) and passes; probing 100 would leave
        // 4 - 3 = 1 trial for the 3 an answer needs, so 50 is confirmed (3) and repeated (4), and the
        // budget ends there: a lower bound on two full-length passes, not a probe at no rate.
        Function<Trial, TrialOutcome> service = t -> t.number() == 1
                ? TrialOutcome.invalid(t, 40, "host CPU saturated (0.05 cores idle)")
                : sharpKnee(900).apply(t);
        SearchResult r =
                run(new CapacitySearch(SearchSettings.between(50, 10_000).withBudget(4, 600)), service);
        assertThat(trace(r)).containsExactly("probe 50-", "probe 50+", "confirm 50+", "repeat 50+");
        assertThat(r.status()).isEqualTo(SearchStatus.BUDGET_EXHAUSTED);
        assertThat(r.capacityRps()).isEqualTo(50);
        assertThat(r.boundaryThroughputsRps()).hasSize(2);
    }

    /**
     * The promise of docs/search.md ("never on an unconfirmed answer"), over 5000 seeded searches
     * with smoke()'s tight budget: a service whose capacity (uniform 100-900 req/s) starts at 60 %
     * and rises 8 % of it a trial up to 150 % (a JIT still compiling), each trial's verdict ±5 %
     * noisy, CPU per request falling as it warms (so stale fails are retested), and up to 10 % of
     * trials limited by the host. Whenever any full-length trial passed, the answer is a rate whose
     * full-length trials passed. Before the fix (and the decisive walk down, which shifted the
     * seed's searches), search 24 of this seed ended on 300 req/s, which
     * only a short bisection passed (its confirmation failed twice, host-limited, as the budget ran
     * out) while 175 had passed at full length.
     */
    @Test
    void aSearchWithAFullLengthPassAnswersWithARateMeasuredAtFullLength() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5000; i++) {
            double base = 100 + random.nextDouble() * 800;
            double invalidShare = random.nextDouble() * 0.10;
            Function<Trial, TrialOutcome> service = t -> {
                double warm = Math.min(1.5, 0.6 + 0.08 * t.number());
                double capacity = base * warm * (1 + 0.05 * (2 * random.nextDouble() - 1));
                if (random.nextDouble() < invalidShare) return TrialOutcome.invalid(t, t.offeredRps(), "host");
                TrialOutcome o = t.offeredRps() <= capacity
                        ? TrialOutcome.passed(t, t.offeredRps(), 0.01)
                        : TrialOutcome.failed(t, capacity, 1.0, false);
                return o.withCpuMsPerRequest(1 / warm);
            };
            SearchResult r = run(new CapacitySearch(smoke()), service);
            boolean anyFullPass = r.trials().stream().anyMatch(o -> o.trial().durationS() >= 6 && o.passed());
            if (!anyFullPass) continue;
            List<TrialOutcome> atAnswer = r.trials().stream()
                    .filter(o -> o.trial().offeredRps() == r.capacityRps()
                            && o.trial().durationS() >= 6)
                    .toList();
            long passes = atAnswer.stream().filter(TrialOutcome::passed).count();
            assertThat(passes).as("search %d: %s", i, trace(r)).isPositive();
            assertThat(r.boundaryThroughputsRps()).hasSize((int) passes);
            assertThat(r.capacityRps()).isLessThan(r.lowestFailingRps());
        }
    }

    @Test
    void settingsRejectWhatCannotBeSearched() {
        assertThatThrownBy(() -> SearchSettings.between(500, 100)).hasMessageContaining("minRps <= startRps <= maxRps");
        assertThatThrownBy(() -> SearchSettings.between(50, 100).withPrecision(0))
                .hasMessageContaining("precision");
        assertThatThrownBy(() -> SearchSettings.between(50, 100).withTrialSeconds(30, 10))
                .hasMessageContaining("shortTrialS");
    }

    @Test
    void thePhaseColumnRoundTrips() {
        for (SearchPhase p : SearchPhase.values())
            assertThat(SearchPhase.fromCsv(p.csvName())).isEqualTo(p);
        assertThat(SearchPhase.fromCsv("")).isEqualTo(SearchPhase.STEP);
        assertThatThrownBy(() -> SearchPhase.fromCsv("warm")).hasMessageContaining("not one of");
    }

    /** A standard normal draw (Box-Muller), shared by the search tests so their seeded draws stay as written. */
    static double gaussian(SplittableRandom r) {
        // Box-Muller
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
