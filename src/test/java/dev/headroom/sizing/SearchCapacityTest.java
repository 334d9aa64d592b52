package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sizer reading a capacity search's trials (docs/search.md, "Sizing a search run"), on one
 * hand-built trace whose answer is worked out beside each assertion.
 */
class SearchCapacityTest {
    /** p95 within 500 ms, errors within 1 % (PlanFixtures' request). */
    static final SizingRequest REQUEST = PlanFixtures.request(Platform.EC2_ASG);

    static MeasuredStep trial(int n, StepRole role, String phase, double offered, double rps, double p95Ms) {
        return MeasuredStep.builder(n)
                .offeredRps(offered)
                .throughputRps(rps)
                .concurrency(rps * p95Ms / 1000 / 2) // Little's law with mean ~ p95 / 2: only the USL reads it
                .latencyP95Seconds(p95Ms / 1000)
                .errorRatio(0)
                .trial(role, phase)
                .build();
    }

    static MeasuredStep shortTrial(int n, String phase, double offered, double rps, double p95Ms) {
        return trial(n, StepRole.SHORT_TRIAL, phase, offered, rps, p95Ms);
    }

    static MeasuredStep fullTrial(int n, String phase, double offered, double rps, double p95Ms) {
        return trial(n, StepRole.FULL_TRIAL, phase, offered, rps, p95Ms);
    }

    /**
     * Probe 200-400-800-1600, bisect short 1200-1400-1300-1350, confirm 1300 fails, bisect at full
     * length 1250 (pass) and 1275 (fail), repeat 1250 twice. A trial passes when p95 <= 500 ms and
     * throughput >= 95 % of the offered rate.
     */
    static List<MeasuredStep> trace() {
        return List.of(
                shortTrial(1, "probe", 200, 200, 5),
                shortTrial(2, "probe", 400, 399, 6),
                shortTrial(3, "probe", 800, 797, 8),
                shortTrial(4, "probe", 1600, 1210, 900), // 1210 < 0.95 x 1600 = 1520: fell behind
                shortTrial(5, "bisect", 1200, 1195, 40),
                shortTrial(6, "bisect", 1400, 1250, 600), // 1250 < 1330
                shortTrial(7, "bisect", 1300, 1290, 90), // a short pass: 1290 >= 1235, 90 ms
                shortTrial(8, "bisect", 1350, 1280, 400), // 1280 < 0.95 x 1350 = 1282.5
                fullTrial(9, "confirm", 1300, 1240, 700), // full length: 700 ms > 500, a queue built
                fullTrial(10, "bisect", 1250, 1248, 60),
                fullTrial(11, "bisect", 1275, 1262, 650), // 650 ms > 500
                fullTrial(12, "repeat", 1250, 1246, 70),
                fullTrial(13, "repeat", 1250, 1244, 75));
    }

    @Test
    void theCapacityIsTheHighestRateEveryFullLengthTrialPassedNotAShortPassAboveAFailure() {
        Capacity c = CapacityAnalysis.analyze(trace(), REQUEST.slo());
        SearchCapacity s = c.search().orElseThrow();
        // full-length failures at 1300 and 1275: the lowest is 1275; below it only 1250 has full-length
        // trials (10, 12, 13), all passed. Trial 7's short pass at 1300 lies above the failure at 1275.
        assertThat(s.capacityOfferedRps()).isEqualTo(1250);
        assertThat(s.confirmed()).isTrue();
        assertThat(s.fullLengthTrials()).isEqualTo(3);
        assertThat(s.boundaryThroughputsRps()).containsExactly(1248.0, 1246.0, 1244.0);
        // the least of the three carried: trial 13, 1244 req/s (the staircase rule would take trial 7's 1290)
        assertThat(c.atSlo().orElseThrow().step()).isEqualTo(13);
        assertThat(c.capacityAtSloRps()).isEqualTo(1244);
        // failures above 1250: 1275 (11), 1300 (9), 1350, 1400, 1600: the lowest is 1275
        assertThat(s.lowestFailingRps()).isEqualTo(1275);
        assertThat(s.intervalHighRps()).isEqualTo(1275);
        // mean 1246, deviations 2, 0, -2: s = sqrt(8 / 2) = 2; t(0.975, 2) = 4.302653;
        // 1246 - 4.302653 x 2 / sqrt(3) = 1246 - 4.96828 = 1241.0317, below 1250
        assertThat(s.intervalLowRps()).isCloseTo(1241.0317, within(1e-3));
        // a failure above a confirmed capacity: the knee is the capacity's trial, saturation reached
        assertThat(c.knee()).contains(c.atSlo().get());
        assertThat(c.saturationReached()).isTrue();
        assertThat(s.lowerBound()).isFalse();
        // the maximum throughput is over every valid trial, short ones included: trial 7's 1290
        assertThat(c.maxThroughputRps()).isEqualTo(1290);
    }

    @Test
    void theTrialOrderDoesNotMatter() {
        List<MeasuredStep> shuffled = new ArrayList<>(trace());
        Collections.shuffle(shuffled, new Random(12));
        Capacity c = CapacityAnalysis.analyze(shuffled, REQUEST.slo());
        assertThat(c.search().orElseThrow().capacityOfferedRps()).isEqualTo(1250);
        assertThat(c.atSlo().orElseThrow().step()).isEqualTo(13);
        assertThat(c.search().get().lowestFailingRps()).isEqualTo(1275);
    }

    @Test
    void aStaircaseIsReadAsBeforeTheHighestThroughputWithinTheSlo() {
        // the same figures as staircase steps: capacity is trial 7's 1290 req/s, the most within the SLO
        List<MeasuredStep> staircase = trace().stream()
                .map(s -> MeasuredStep.builder(s.step())
                        .offeredRps(s.offeredRps())
                        .throughputRps(s.throughputRps())
                        .concurrency(s.concurrency())
                        .latencyP95Seconds(s.latencyP95Seconds())
                        .errorRatio(0)
                        .build())
                .toList();
        Capacity c = CapacityAnalysis.analyze(staircase, REQUEST.slo());
        assertThat(c.search()).isEmpty();
        assertThat(c.capacityAtSloRps()).isEqualTo(1290);
    }

    @Test
    void withoutAFullLengthPassTheHighestShortPassBelowEveryFailureIsAnUnconfirmedLowerBound() {
        // a search cut short after trial 8: passes at 200, 400, 800, 1200, 1300; failures at 1350, 1400,
        // 1600; the highest pass below 1350 is 1300 (trial 7)
        Capacity c = CapacityAnalysis.analyze(trace().subList(0, 8), REQUEST.slo());
        SearchCapacity s = c.search().orElseThrow();
        assertThat(s.capacityOfferedRps()).isEqualTo(1300);
        assertThat(s.confirmed()).isFalse();
        assertThat(s.intervalLowRps()).isNaN();
        assertThat(s.lowestFailingRps()).isEqualTo(1350);
        assertThat(s.lowerBound()).isTrue();
    }

    /**
     * The trials of a quick run (2026-12-07, 20261207-142538-quick) whose probe failed on a JIT still
     * compiling, was retested, and whose answer's two full-length trials failed as the trial budget
     * ran out. Rates and throughputs as measured; the p95s of the trials that failed are set above
     * the fixture's 500 ms (the run's SLO was 100 ms), the passes' kept.
     */
    static List<MeasuredStep> retestedThenCutShort() {
        return List.of(
                shortTrial(1, "probe", 315, 317.4, 50),
                shortTrial(2, "probe", 630, 608.2, 600), // cold: 0.82 ms of CPU a request
                shortTrial(3, "bisect", 473, 472.6, 65),
                shortTrial(4, "bisect", 551, 551.2, 9),
                shortTrial(5, "bisect", 591, 590.8, 10),
                shortTrial(6, "retest", 630, 630.0, 7), // warm: 0.63 ms
                shortTrial(7, "probe", 693, 693.2, 18),
                shortTrial(8, "probe", 756, 756.0, 33),
                shortTrial(9, "probe", 882, 882.0, 47),
                shortTrial(10, "probe", 1134, 1049.2, 1139),
                shortTrial(11, "bisect", 1008, 936.4, 662),
                shortTrial(12, "bisect", 945, 946.0, 100),
                fullTrial(13, "confirm", 945, 942.6, 700),
                fullTrial(14, "repeat", 945, 884.9, 1118));
    }

    @Test
    void aShortFailItsRetestClearedDoesNotBoundTheCapacity() {
        Capacity c = CapacityAnalysis.analyze(retestedThenCutShort(), REQUEST.slo());
        SearchCapacity s = c.search().orElseThrow();
        // No rate holds at full length (945: 2 of 2 full-length trials failed). Rates that stand
        // failed: 945 (its full-length trials decide: 2 of 2), 1008 (1 of 1), 1134 (1 of 1); not 630,
        // whose short trials failed 1 of 2 (trial 2, cleared by the retest, trial 6). The highest
        // short pass below 945 is 882 (trial 9), as the search answered; "below every failure" gave 591.
        assertThat(s.capacityOfferedRps()).isEqualTo(882);
        assertThat(s.confirmed()).isFalse();
        assertThat(s.lowestFailingRps()).isEqualTo(945);
        assertThat(c.atSlo().orElseThrow().step()).isEqualTo(9);
        // the bottleneck reads the knee (trial 9) and, at 945, the trial that queued longest: trial
        // 14 (1118 ms), not trial 12, the short pass there (100 ms)
        Bottleneck b = Bottleneck.diagnose(retestedThenCutShort(), c, TestBed.unknown());
        assertThat(b.steps()).extracting(MeasuredStep::step).containsExactly(9, 14);
    }

    @Test
    void aRetestThatFailedAgainStillBoundsTheCapacity() {
        // the same trials, the retest at 630 failing as trial 2 did: 630 stands failed (2 of 2), so the
        // highest short pass below it is 591 (trial 5), and nothing above 630 counts
        List<MeasuredStep> steps = new ArrayList<>(retestedThenCutShort());
        steps.set(5, shortTrial(6, "retest", 630, 612.0, 650));
        SearchCapacity s =
                CapacityAnalysis.analyze(steps, REQUEST.slo()).search().orElseThrow();
        assertThat(s.capacityOfferedRps()).isEqualTo(591);
        assertThat(s.lowestFailingRps()).isEqualTo(630);
    }

    @Test
    void aRateTheHostLimitedTwiceBoundsTheCapacityAsTheSearchDoes() {
        // probe 200, 400, 800 pass; 1600 limited by the host, made again and limited again: the search
        // bounds itself there (host_bound), bisects 1200, 1400, 1500 (pass: (1600 - 1500) / 1600 =
        // 6.25 %), 1550 (3.1 %) and confirms 1550 three times
        List<MeasuredStep> steps = List.of(
                shortTrial(1, "probe", 200, 200, 5),
                shortTrial(2, "probe", 400, 400, 5),
                shortTrial(3, "probe", 800, 800, 6),
                limited(4, "probe", 1600),
                limited(5, "probe", 1600),
                shortTrial(6, "bisect", 1200, 1200, 8),
                shortTrial(7, "bisect", 1400, 1399, 9),
                shortTrial(8, "bisect", 1500, 1498, 12),
                shortTrial(9, "bisect", 1550, 1549, 20),
                fullTrial(10, "confirm", 1550, 1548, 30),
                fullTrial(11, "repeat", 1550, 1547, 35),
                fullTrial(12, "repeat", 1550, 1549, 32));
        SearchCapacity s =
                CapacityAnalysis.analyze(steps, REQUEST.slo()).search().orElseThrow();
        assertThat(s.capacityOfferedRps()).isEqualTo(1550);
        // trial 5, limited after trial 4 was, stands for a fail at 1600: the bracket's upper end, as
        // the search's; trial 4 alone (made again) counts for nothing
        assertThat(s.lowestFailingRps()).isEqualTo(1600);
        assertThat(s.hostLimitedAbove()).isTrue();
        // ... and the bound is the host's, not the service's knee: no knee, a lower bound, saturation
        // not reached (without run.json, as with its host_bound), and the bottleneck is the host
        Capacity c = CapacityAnalysis.analyze(steps, REQUEST.slo());
        assertThat(s.hostBound()).isTrue();
        assertThat(c.knee()).isEmpty();
        assertThat(s.lowerBound()).isTrue();
        assertThat(s.saturationReached()).isFalse();
        Bottleneck b = Bottleneck.diagnose(steps, c, TestBed.unknown());
        assertThat(b.limits()).extracting(Bottleneck.Limit::resource).contains(Bottleneck.Resource.INJECTOR_HOST);
        // limited once only (trial 5 gone): nothing failed above 1550, the bracket is open
        List<MeasuredStep> once = steps.stream().filter(t -> t.step() != 5).toList();
        assertThat(CapacityAnalysis.analyze(once, REQUEST.slo())
                        .search()
                        .orElseThrow()
                        .lowestFailingRps())
                .isNaN();
    }

    static MeasuredStep limited(int n, String phase, double offered) {
        return MeasuredStep.builder(n)
                .offeredRps(offered)
                .throughputRps(offered * 0.8)
                .invalid("host idle 0.03 cores")
                .trial(StepRole.SHORT_TRIAL, phase)
                .build();
    }

    @Test
    void aHostBoundSearchIsALowerBoundAndTheFindingSaysTheHostStoppedIt() {
        SizingLog log = new SizingLog();
        Capacity c = MeasuredCapacity.decide(trace(), REQUEST, Optional.of(SearchEnd.HOST_BOUND), log);
        assertThat(c.searchLowerBound()).isTrue();
        assertThat(c.saturationReached()).isFalse();
        assertThat(log.findings())
                .filteredOn(f -> f.code() == FindingCode.SATURATION_NOT_REACHED)
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("the host, not the service, stopped the search (host_bound)")
                        .contains("1244.0 req/s")
                        .contains("lower bound"));
    }

    @Test
    void aFoundSearchStatesItsIntervalAndNoLowerBound() {
        SizingLog log = new SizingLog();
        MeasuredCapacity.decide(trace(), REQUEST, Optional.of(SearchEnd.FOUND), log);
        assertThat(log.findings()).noneMatch(f -> f.code() == FindingCode.SATURATION_NOT_REACHED);
        Decision d = log.decisions().stream()
                .filter(x -> x.name().equals("capacity"))
                .findFirst()
                .orElseThrow();
        assertThat(d.reasoning())
                .contains("1250.0 req/s offered: all 3 full-length trials there passed")
                .contains("[1241.0, 1275.0) req/s");
    }

    @Test
    void everyStatusButFoundMakesALowerBound() {
        for (SearchEnd e : SearchEnd.values()) {
            Capacity c = CapacityAnalysis.analyze(trace(), REQUEST.slo(), Optional.of(e));
            assertThat(c.searchLowerBound()).as(e.jsonName()).isEqualTo(e != SearchEnd.FOUND);
        }
    }

    @Test
    void theBottleneckReadsTheKneeAndAFailedTrialAtTheLowestRateThatStandsFailed() {
        Capacity c = CapacityAnalysis.analyze(trace(), REQUEST.slo());
        Bottleneck b = Bottleneck.diagnose(trace(), c, TestBed.unknown());
        // the knee is trial 13 at 1250; the lightest trial above 1250 is trial 11 at 1275 (not trial 10
        // or 12, which share the knee's rate)
        assertThat(b.steps()).extracting(MeasuredStep::step).containsExactly(13, 11);
    }

    @Test
    void theUnsaturatedTrialsAreEveryPassUpToTheKneesRate() {
        Capacity c = CapacityAnalysis.analyze(trace(), REQUEST.slo());
        // offered <= 1250: trials 1 (200), 2 (400), 3 (800), 5 (1200), 10, 12, 13 (1250)
        assertThat(Sizer.unsaturated(trace(), c, REQUEST.slo()))
                .extracting(MeasuredStep::step)
                .containsExactlyInAnyOrder(1, 2, 3, 5, 10, 12, 13);
    }

    @Test
    void aTrialThatFailedBelowTheKneeIsNoUnsaturatedTrial() {
        List<MeasuredStep> steps = retestedThenCutShort();
        Capacity c = CapacityAnalysis.analyze(steps, REQUEST.slo());
        // the knee is trial 9 at 882; at or below 882: trials 1-9, of which trial 2 (630, p95 600 ms
        // > 500) failed on a JIT still compiling: saturated while it ran, it is left out
        assertThat(Sizer.unsaturated(steps, c, REQUEST.slo()))
                .extracting(MeasuredStep::step)
                .containsExactlyInAnyOrder(1, 3, 4, 5, 6, 7, 8, 9);
        // without a knee (nothing above stands failed): every pass, none of the fails
        List<MeasuredStep> noneAbove =
                steps.stream().filter(s -> s.offeredRps() <= 882).toList();
        Capacity open = CapacityAnalysis.analyze(noneAbove, REQUEST.slo());
        assertThat(open.knee()).isEmpty();
        assertThat(Sizer.unsaturated(noneAbove, open, REQUEST.slo()))
                .extracting(MeasuredStep::step)
                .containsExactlyInAnyOrder(1, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void thePoolsHoldTimeIsReadOverThePassesNotAFailBelowTheKnee() {
        // probe 100 passes (1 ms held); probe 200 fails on a cold JIT, throttled (180 req/s, 14 ms);
        // bisect 150 passes (1.5 ms); the retest at 200 passes (2 ms); probe 250 fails. Capacity 200
        // (the retest), the knee there. Hold time, throughput-weighted over the passes up to it:
        // (100 x 1 + 150 x 1.5 + 200 x 2) / 450 = 725 / 450 = 1.6111 ms; with the fail it would be
        // (725 + 180 x 14) / 630 = 5.151 ms
        List<MeasuredStep> steps = List.of(
                hold(shortTrial(1, "probe", 100, 100, 5), 0.001),
                hold(shortTrial(2, "probe", 200, 180, 900), 0.014),
                hold(shortTrial(3, "bisect", 150, 150, 6), 0.0015),
                hold(shortTrial(4, "retest", 200, 200, 8), 0.002),
                hold(shortTrial(5, "probe", 250, 200, 900), 0.016));
        Capacity c = CapacityAnalysis.analyze(steps, REQUEST.slo());
        assertThat(c.knee().orElseThrow().step()).isEqualTo(4);
        assertThat(Sizer.holdSeconds(Sizer.unsaturated(steps, c, REQUEST.slo())))
                .isCloseTo(0.0016111, within(1e-6));
    }

    @Test
    void aSearchWithNoPassHasNoUnsaturatedTrialAndNoHoldTime() {
        // every trial failed (p95 900 ms > 500): nothing measures cost, and the hold time is not
        // measured, so the pool falls back to the one the test ran with (DatabaseChoice)
        List<MeasuredStep> steps = List.of(
                hold(shortTrial(1, "probe", 100, 80, 900), 0.012), hold(shortTrial(2, "probe", 50, 45, 900), 0.011));
        Capacity c = CapacityAnalysis.analyze(steps, REQUEST.slo());
        assertThat(Sizer.unsaturated(steps, c, REQUEST.slo())).isEmpty();
        assertThat(Sizer.holdSeconds(List.of())).isNaN();
    }

    private static MeasuredStep hold(MeasuredStep s, double holdSeconds) {
        return MeasuredStep.builder(s.step())
                .offeredRps(s.offeredRps())
                .throughputRps(s.throughputRps())
                .concurrency(s.concurrency())
                .latencyP95Seconds(s.latencyP95Seconds())
                .errorRatio(0)
                .connHoldSeconds(holdSeconds)
                .trial(s.role(), s.phase())
                .build();
    }

    @Test
    void anInvalidTrialAboveTheCapacityIsTheHostsLimitNotTheServices() {
        List<MeasuredStep> steps = new ArrayList<>(trace().subList(0, 3)); // passes at 200, 400, 800
        steps.add(fullTrial(4, "confirm", 800, 799, 9));
        steps.add(MeasuredStep.builder(5)
                .offeredRps(1600)
                .throughputRps(900)
                .latencyP95Seconds(0.01)
                .errorRatio(0)
                .invalid("host CPU idle 0.05 cores")
                .trial(StepRole.SHORT_TRIAL, "probe")
                .build());
        Capacity c = CapacityAnalysis.analyze(steps, REQUEST.slo());
        assertThat(c.search().orElseThrow().capacityOfferedRps()).isEqualTo(800);
        assertThat(c.search().get().hostLimitedAbove()).isTrue();
        assertThat(c.search().get().lowerBound()).isTrue(); // nothing failed above 800
        Bottleneck b = Bottleneck.diagnose(steps, c, TestBed.unknown());
        // no knee: the capacity's trial is read (4, the confirmation at 800), and trial 5 above it was invalid
        assertThat(b.steps()).extracting(MeasuredStep::step).containsExactly(4);
        assertThat(b.primary().orElseThrow().resource()).isEqualTo(Bottleneck.Resource.INJECTOR_HOST);
    }

    /** trace() with the service's and the database's cores at the capacity's three full-length passes. */
    static List<MeasuredStep> traceWithCpuAtTheCapacity() {
        return withCores(new double[][] {{10, 0.80, 0.50}, {12, 0.90, 0.55}, {13, 1.00, 0.60}});
    }

    @Test
    void theCpuAtTheCapacityIsReadOverEveryFullLengthPassThereAsOneWindow() {
        List<MeasuredStep> steps = traceWithCpuAtTheCapacity();
        Capacity c = CapacityAnalysis.analyze(steps, REQUEST.slo());
        // the capacity's throughput is still the least of its passes: trial 13's 1244 req/s
        assertThat(c.atSlo().orElseThrow().step()).isEqualTo(13);
        assertThat(c.operatingSteps()).extracting(MeasuredStep::step).containsExactlyInAnyOrder(10, 12, 13);
        SizingLog log = new SizingLog();
        // no unsaturated steps handed in: no line, so the utilization law at the operating point is used
        ServiceDemand app = Demands.decide("service_demand", steps, List.of(), c, MeasuredStep::appCpuCores, log)
                .orElseThrow();
        // (0.80 + 0.90 + 1.00) / (1248 + 1246 + 1244) = 2.70 / 3738 = 0.000722311 s; trial 13 alone would
        // give 1.00 / 1244 = 0.000803859 s, 11 % more
        assertThat(app.cpuSecondsPerRequest()).isCloseTo(2.70 / 3738, within(1e-12));
        assertThat(app.cpuSecondsPerRequest() * 1000).isCloseTo(0.722311, within(1e-6));
        assertThat(app.points()).isEqualTo(3);
        assertThat(app.method()).contains("trials 10, 12 and 13").contains("1246.0 req/s on average");
        ServiceDemand db = Demands.decide("db_demand", steps, List.of(), c, MeasuredStep::dbCpuCores, log)
                .orElseThrow();
        // (0.50 + 0.55 + 0.60) / 3738 = 1.65 / 3738 = 0.000441413 s
        assertThat(db.cpuSecondsPerRequest() * 1000).isCloseTo(0.441413, within(1e-6));
        // the ceiling: mean cores 2.70 / 3 = 0.90 over the 1.0-core budget: 90 % (trial 13 alone: 100 %)
        TestBed bed = new TestBed(1.0, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.X86_64));
        double ceiling = Replica.ceilingUtilization(c, bed, Bottleneck.diagnose(steps, c, bed), log);
        assertThat(ceiling).isCloseTo(0.90, within(1e-12));
        assertThat(log.decisions().stream()
                        .filter(d -> d.name().equals("ceiling_utilization"))
                        .findFirst()
                        .orElseThrow()
                        .reasoning())
                .contains("At trials 10, 12 and 13 the service used 0.90 of its 1.00 cores (90 %)");
    }

    @Test
    void aStaircaseIsReadAtItsOneStepWithinTheSlo() {
        MeasuredStep op = MeasuredStep.builder(4)
                .offeredRps(400)
                .throughputRps(400)
                .latencyP95Seconds(0.02)
                .errorRatio(0)
                .appCpuCores(0.30)
                .build();
        Capacity c = new Capacity(Optional.of(op), Optional.empty(), 400, 4, false);
        assertThat(c.operatingSteps()).containsExactly(op);
        // 0.30 / 400 = 0.00075 s, as U/X at the one step
        ServiceDemand d = ServiceDemand.atOperatingPoint(c.operatingPoint().orElseThrow(), MeasuredStep::appCpuCores);
        assertThat(d.cpuSecondsPerRequest()).isCloseTo(0.00075, within(1e-15));
        assertThat(d.method()).isEqualTo("U/X at step 4 (400.0 req/s)");
    }

    @Test
    void theOperatingStepsMustHoldTheStepAtTheSlo() {
        MeasuredStep a =
                MeasuredStep.builder(1).offeredRps(100).throughputRps(100).build();
        MeasuredStep b =
                MeasuredStep.builder(2).offeredRps(100).throughputRps(99).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new Capacity(Optional.of(a), Optional.empty(), 100, 2, false, Optional.empty(), List.of(b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must include the step at the SLO");
    }

    @Test
    void eachPassIsHeldToTheBudgetNotTheirMean() {
        // passes at 1.10, 0.95 and 0.95 of a 1.0-core budget: their mean, 1.00, is within the 5 % a
        // window may read over a quota, but trial 10's 1.10 is not
        double[][] cores = {{10, 1.10}, {12, 0.95}, {13, 0.95}};
        List<MeasuredStep> steps = withCores(cores);
        Capacity c = CapacityAnalysis.analyze(steps, REQUEST.slo());
        SizingLog log = new SizingLog();
        TestBed bed = new TestBed(1.0, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.X86_64));
        assertThat(Replica.ceilingUtilization(c, bed, Bottleneck.diagnose(steps, c, bed), log))
                .isNaN();
        assertThat(log.findings())
                .filteredOn(f -> f.code() == FindingCode.CPU_ABOVE_BUDGET)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
                    assertThat(f.message()).startsWith("at step 10 the service used 1.10 cores, 110 %");
                });
    }

    @Test
    void aPassJustOverTheBudgetIsNamedWhileTheCeilingStaysTheirMean() {
        // passes at 1.03, 0.94 and 0.94 of a 1.0-core budget: trial 10 within the 5 % a window may read
        // over a quota; the ceiling their mean, (1.03 + 0.94 + 0.94) / 3 = 0.97, not clipped
        double[][] cores = {{10, 1.03}, {12, 0.94}, {13, 0.94}};
        List<MeasuredStep> steps = withCores(cores);
        Capacity c = CapacityAnalysis.analyze(steps, REQUEST.slo());
        SizingLog log = new SizingLog();
        TestBed bed = new TestBed(1.0, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.X86_64));
        assertThat(Replica.ceilingUtilization(c, bed, Bottleneck.diagnose(steps, c, bed), log))
                .isCloseTo(0.97, within(1e-9));
        assertThat(log.findings())
                .filteredOn(f -> f.code() == FindingCode.CPU_ABOVE_BUDGET)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
                    assertThat(f.message())
                            .startsWith("at step 10 the service read 103.0 % of its CPU budget")
                            .endsWith("the ceiling, the mean over trials 10, 12 and 13, is 97.0 %");
                });
    }

    /**
     * trace() with the cores of the steps named in {@code cores}: {step, service} or {step, service,
     * database} rows; a database left out stays unmeasured.
     */
    static List<MeasuredStep> withCores(double[][] cores) {
        return trace().stream()
                .map(s -> {
                    for (double[] c : cores)
                        if (c[0] == s.step()) {
                            MeasuredStep.Builder b = MeasuredStep.builder(s.step())
                                    .offeredRps(s.offeredRps())
                                    .throughputRps(s.throughputRps())
                                    .concurrency(s.concurrency())
                                    .latencyP95Seconds(s.latencyP95Seconds())
                                    .errorRatio(0)
                                    .trial(s.role(), s.phase())
                                    .appCpuCores(c[1]);
                            if (c.length > 2) b.dbCpuCores(c[2]);
                            return b.build();
                        }
                    return s;
                })
                .toList();
    }
}
