package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The plan each trial at a search's capacity would give alone ({@link PlanPerTrial}), on a search
 * of four trials: a short probe at 1200 req/s that fails, then three full-length passes at one rate
 * whose CPU per request differs from trial to trial, as one 15 s window's does from the next.
 */
class PlanPerTrialTest {
    static final TestBed BED = SizerTest.BED; // a 1.0-core budget
    static final Sizer SIZER = SizerTest.SIZER;

    static MeasuredStep trial(
            int n, StepRole role, double offered, double rps, double p95Ms, double appCores, double dbCores) {
        return MeasuredStep.builder(n)
                .offeredRps(offered)
                .throughputRps(rps)
                .concurrency(rps * p95Ms / 2000)
                .latencyP95Seconds(p95Ms / 1000)
                .errorRatio(0)
                .appCpuCores(appCores)
                .dbCpuCores(dbCores)
                .connHoldSeconds(0.002)
                .poolActiveAvg(rps * 0.002)
                .poolPendingAvg(0)
                .trial(role, role == StepRole.SHORT_TRIAL ? "probe" : "confirm")
                .build();
    }

    /**
     * Trials 2-4 at {@code rps} offered and carried, with the service's and the database's cores
     * given per trial; trial 1 a short fail at 1200 req/s above them.
     */
    static List<MeasuredStep> search(double rps, double[] appCores, double[] dbCores) {
        List<MeasuredStep> steps = new ArrayList<>();
        steps.add(trial(1, StepRole.SHORT_TRIAL, 1200, 800, 900, 1.0, 0.5));
        for (int i = 0; i < 3; i++) steps.add(trial(2 + i, StepRole.FULL_TRIAL, rps, rps, 20, appCores[i], dbCores[i]));
        return steps;
    }

    /** 0.40, 0.45, 0.50 cores of service and 0.24, 0.27, 0.30 of database at 600 req/s. */
    static List<MeasuredStep> spread() {
        return search(600, new double[] {0.40, 0.45, 0.50}, new double[] {0.24, 0.27, 0.30});
    }

    static SizingRequest request(double peakRps, List<String> types, List<String> dbClasses) {
        return new SizingRequest(
                peakRps,
                300,
                0.10,
                new SizingRequest.SloTarget(Double.NaN, 0.1, Double.NaN, 0.01),
                Platform.EC2_ASG,
                "us-east-1",
                3,
                SizingRequest.FailureDomain.NONE,
                new SizingRequest.InstanceFilter(List.of(), List.of(), types),
                new SizingRequest.TestHost(Optional.empty(), Double.NaN),
                new SizingRequest.DatabaseRequest(dbClasses, OptionalInt.empty(), 5, 0.75),
                new SizingRequest.ReplicaRequest(Double.NaN, 700, 0.2),
                new SizingRequest.ScalingTimes(15, 15, 60, 180, 10),
                Optional.empty());
    }

    static Decision perTrial(Sizing s) {
        return s.decisions().stream()
                .filter(d -> d.name().equals("plan_per_trial"))
                .findFirst()
                .orElseThrow();
    }

    /** The one PLAN_VARIES_ACROSS_TRIALS finding of {@code s}; fails when there is none or more. */
    static Finding planVaries(Sizing s) {
        List<Finding> f = s.findings().stream()
                .filter(x -> x.code() == FindingCode.PLAN_VARIES_ACROSS_TRIALS)
                .toList();
        assertThat(f).hasSize(1);
        return f.get(0);
    }

    static Plan best(Sizing s) {
        return s.plans().stream().filter(Plan::feasible).findFirst().orElseThrow();
    }

    /** The plan a sizing recommends, with its CPU target, as PlanPerTrial writes a trial's. */
    static String planWithTarget(Sizing s) {
        return PlanPerTrial.shape(best(s)) + ", CPU target " + Math.round(s.cpuTargetUtilization() * 100) + " %";
    }

    /** A search whose three passes at {@code rps} each read {@code appCores} and {@code dbCores}. */
    static List<MeasuredStep> everyPassReads(double rps, double appCores, double dbCores) {
        return search(rps, new double[] {appCores, appCores, appCores}, new double[] {dbCores, dbCores, dbCores});
    }

    @Test
    void eachTrialAloneIsSizedAsARunWhosePassesAllReadWhatItRead() {
        SizingRequest r = request(5000, List.of("m6i.large"), List.of());
        Sizing s = SIZER.size(spread(), BED, r);
        // pooled: (0.40 + 0.45 + 0.50) / 1800 = 0.75 ms of service, (0.24 + 0.27 + 0.30) / 1800 = 0.45 ms
        // of database; the ceiling the mean, 0.45 of the 1.0-core budget
        assertThat(s.appDemand().orElseThrow().cpuSecondsPerRequest() * 1000).isCloseTo(0.75, within(1e-9));
        assertThat(s.ceilingUtilization()).isCloseTo(0.45, within(1e-12));
        Decision d = perTrial(s);
        // trial 4 alone: 0.50 / 600 = 0.8333 ms and 0.30 / 600 = 0.5 ms, 0.50 of the budget: the plan of a
        // run whose three passes all read 0.50 and 0.30 cores at 600 req/s
        Sizing dear = SIZER.size(everyPassReads(600, 0.50, 0.30), BED, r);
        assertThat(dear.ceilingUtilization()).isCloseTo(0.50, within(1e-12));
        assertThat((String) d.result().get("trial_4"))
                .isEqualTo("service 0.833 ms at 50 % of its CPU budget, database 0.500 ms: " + planWithTarget(dear));
        // trial 2 alone: 0.40 / 600 = 0.6667 ms, 0.24 / 600 = 0.4 ms, 0.40 of the budget
        Sizing cheap = SIZER.size(everyPassReads(600, 0.40, 0.24), BED, r);
        assertThat((String) d.result().get("trial_2"))
                .isEqualTo("service 0.667 ms at 40 % of its CPU budget, database 0.400 ms: " + planWithTarget(cheap));
        // trial 3 reads the pooled figures exactly (0.45 / 600 = 0.75 ms, 0.27 / 600 = 0.45 ms, 0.45): the
        // recommendation itself
        assertThat((String) d.result().get("trial_3"))
                .isEqualTo("service 0.750 ms at 45 % of its CPU budget, database 0.450 ms: " + planWithTarget(s));
        assertThat((String) d.result().get("recommendation")).isEqualTo(planWithTarget(s));
    }

    @Test
    void aDearerWindowReadsAHigherCeilingSoItsTargetMovesMoreThanItsCounts() {
        // EC2 Auto Scaling: lag 180 s alarm + 60 s instance + 10 s service = 250 s, tolerance 1, growth
        // 10 %/min: target = floor(ceiling / (1 + 0.10 x 250 / 60) x 100) % = floor(ceiling x 70.588) %
        SizingRequest r = request(5000, List.of("m6i.large"), List.of("db.t3.xlarge"));
        // the database reads alike (0.27 cores) in every pass, so only the service's window differs
        Sizing s = SIZER.size(search(600, new double[] {0.36, 0.45, 0.54}, new double[] {0.27, 0.27, 0.27}), BED, r);
        // pooled ceiling 0.45: floor(31.76) = 31 %
        assertThat(s.cpuTargetUtilization()).isCloseTo(0.31, within(1e-9));
        Decision d = perTrial(s);
        // trial 2: ceiling 0.36, floor(25.41) = 25 %, 6 points below; trial 4: 0.54, floor(38.12) = 38 %, 7 above
        assertThat((String) d.result().get("trial_2")).endsWith("CPU target 25 %");
        assertThat((String) d.result().get("trial_4")).endsWith("CPU target 38 %");
        // a replica at the target carries about its trial's throughput x target / ceiling: 600 x 25 / 36 =
        // 417 and 600 x 38 / 54 = 422 req/s against 600 x 31 / 45 = 413, within 2.2 %, where the
        // service's CPU per request alone (0.6 to 0.9 ms) moves 20 % either way
        Finding f = planVaries(s);
        assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
        assertThat(f.message())
                .contains("over trials 2, 3 and 4 together")
                .contains("trial 2 alone (service 0.600 ms at 36 % of its CPU budget, database 0.450 ms)")
                .contains("CPU target 25 % (differs in: ")
                .doesNotContain("trial 3 alone");
    }

    @Test
    void aTargetMoreThanFivePointsAwayIsADifferenceOnItsOwn() {
        // a 600 req/s peak (300 at baseline) needs 2 replicas at about 413-422 req/s each, whichever
        // pass is read, so only the targets can differ: 25 and 38 % against 31 % (worked above)
        SizingRequest r = request(600, List.of("m6i.large"), List.of("db.t3.xlarge"));
        Sizing s = SIZER.size(search(600, new double[] {0.36, 0.45, 0.54}, new double[] {0.27, 0.27, 0.27}), BED, r);
        Decision d = perTrial(s);
        assertThat((String) d.result().get("trial_2"))
                .contains(": " + PlanPerTrial.shape(best(s)) + ", CPU target 25 %");
        assertThat((String) d.result().get("trial_4"))
                .contains(": " + PlanPerTrial.shape(best(s)) + ", CPU target 38 %");
        Finding f = planVaries(s);
        assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
        assertThat(f.message())
                .contains("CPU target 25 % (differs in: CPU target)")
                .contains("CPU target 38 % (differs in: CPU target)");
    }

    @Test
    void targetsWithinFivePointsAreTheSameRecommendation() {
        // spread() at the same small peak: ceilings 0.40, 0.45, 0.50 give floor(28.2) = 28, 31 and
        // floor(35.3) = 35 %, 3 and 4 points from the pooled 31 %: the same plan, no finding
        SizingRequest r = request(600, List.of("m6i.large"), List.of("db.t3.xlarge"));
        Sizing s = SIZER.size(spread(), BED, r);
        assertThat((String) perTrial(s).result().get("trial_2")).endsWith("CPU target 28 %");
        assertThat((String) perTrial(s).result().get("trial_4")).endsWith("CPU target 35 %");
        assertThat(s.findings()).noneMatch(x -> x.code() == FindingCode.PLAN_VARIES_ACROSS_TRIALS);
    }

    @Test
    void aTrialWithoutItsOwnDatabaseReadingKeepsThePooledOneAndSaysSo() {
        List<MeasuredStep> steps = search(600, new double[] {0.40, 0.45, 0.50}, new double[] {0.24, Double.NaN, 0.30});
        Sizing s = SIZER.size(steps, BED, request(5000, List.of("m6i.large"), List.of()));
        // the database pooled over trials 2 and 4 only: (0.24 + 0.30) / 1200 = 0.45 ms
        assertThat(s.dbDemand().orElseThrow().cpuSecondsPerRequest() * 1000).isCloseTo(0.45, within(1e-9));
        assertThat((String) perTrial(s).result().get("trial_3"))
                .startsWith("service 0.750 ms at 45 % of its CPU budget, database not measured at this trial: ");
        assertThat((String) perTrial(s).result().get("trial_4"))
                .startsWith("service 0.833 ms at 50 % of its CPU budget, database 0.500 ms: ");
    }

    @Test
    void aLinesTrialAloneKeepsItsBackgroundAndExplainsTheTrialsOwnCpu() {
        // a line U = 0.1 + 0.00058 X; a pass at 600 req/s on 0.54 cores alone: (0.54 - 0.1) / 600 = 0.7333 ms,
        // so U0 + D X = 0.1 + 0.44 = 0.54, the pass's own CPU, which its ceiling reads too
        ServiceDemand line = new ServiceDemand(0.00058, 0.1, 5, 0.99, "line");
        MeasuredStep pass = trial(4, StepRole.FULL_TRIAL, 600, 600, 20, 0.54, 0.3);
        ServiceDemand alone = PlanPerTrial.scaled(line, pass, MeasuredStep::appCpuCores, 0.448 / 600);
        assertThat(alone.cpuSecondsPerRequest() * 1000).isCloseTo(0.7333333, within(1e-6));
        assertThat(alone.backgroundCores()).isEqualTo(0.1);
        assertThat(alone.coresAt(600)).isCloseTo(0.54, within(1e-12));
        // a pass under the line's background (0.08 < 0.1 cores) cannot be explained by it: the slope
        // scaled by its U/X over the pooled U/X instead, 0.58 x (0.08 / 600) / (0.448 / 600) = 0.1036 ms
        MeasuredStep low = trial(5, StepRole.FULL_TRIAL, 600, 600, 20, 0.08, 0.3);
        assertThat(PlanPerTrial.scaled(line, low, MeasuredStep::appCpuCores, 0.448 / 600)
                                .cpuSecondsPerRequest()
                        * 1000)
                .isCloseTo(0.58 * 0.08 / 0.448, within(1e-9));
        // the utilization law's demand (U0 = 0): the pass's own U/X, 0.54 / 600 = 0.9 ms
        ServiceDemand ratio = new ServiceDemand(0.448 / 600, 0, 3, Double.NaN, "U/X");
        assertThat(PlanPerTrial.scaled(ratio, pass, MeasuredStep::appCpuCores, 0.448 / 600)
                                .cpuSecondsPerRequest()
                        * 1000)
                .isCloseTo(0.9, within(1e-9));
    }

    @Test
    void aDbClassThatDiffersIsAWarning() {
        // the database's class between 2 and 4 vCPUs: at 3200 req/s and a 75 % target the pooled 0.45 ms
        // needs 3200 x 0.00045 / 0.75 = 1.92 vCPU (db.m5.large's 2 hold it), trial 4's 0.5 ms needs
        // 3200 x 0.0005 / 0.75 = 2.13 (db.m5.xlarge's 4)
        Sizing s =
                SIZER.size(spread(), BED, request(3200, List.of("m6i.large"), List.of("db.m5.large", "db.m5.xlarge")));
        assertThat(best(s).dbClass()).isEqualTo("db.m5.large");
        assertThat((String) perTrial(s).result().get("trial_4")).contains(", db.m5.xlarge, CPU target");
        assertThat(planVaries(s).severity()).isEqualTo(Finding.Severity.WARNING);
    }

    @Test
    void trialsThatReadAlikeGiveOnePlanAndNoFinding() {
        Sizing s = SIZER.size(
                search(600, new double[] {0.45, 0.45, 0.45}, new double[] {0.27, 0.27, 0.27}),
                BED,
                request(5000, List.of("m6i.large"), List.of()));
        assertThat(perTrial(s).reasoning()).startsWith("Each of trials 2, 3 and 4 alone gives the recommended plan");
        assertThat(s.findings()).noneMatch(x -> x.code() == FindingCode.PLAN_VARIES_ACROSS_TRIALS);
    }

    @Test
    void aStaircaseHasNoPlanPerTrial() {
        Sizing s = SIZER.size(SizerTest.linear(2), BED, request(5000, List.of("m6i.large"), List.of()));
        assertThat(s.plans()).anyMatch(Plan::feasible); // a plan was made, and still no per-trial reading
        assertThat(s.decisions()).noneMatch(d -> d.name().equals("plan_per_trial"));
    }
}
