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

    static Plan best(Sizing s) {
        return s.plans().stream().filter(Plan::feasible).findFirst().orElseThrow();
    }

    /** Three passes that all read what one trial of spread() read alone, with spread()'s mean cores. */
    static List<MeasuredStep> asIfEveryPassRead(double appMsPerRequest, double dbMsPerRequest) {
        // mean service cores 0.45 (so the same ceiling) at 0.45 / D req/s, and the database's D times that
        double rps = 0.45 / (appMsPerRequest / 1000);
        double db = dbMsPerRequest / 1000 * rps;
        return search(rps, new double[] {0.45, 0.45, 0.45}, new double[] {db, db, db});
    }

    @Test
    void eachTrialsPlanIsThePlanOfARunWhosePooledCpuIsThatTrials() {
        SizingRequest r = request(5000, List.of("m6i.large"), List.of());
        Sizing s = SIZER.size(spread(), BED, r);
        // pooled: (0.40 + 0.45 + 0.50) / 1800 = 0.75 ms of service, (0.24 + 0.27 + 0.30) / 1800 = 0.45 ms
        // of database; the ceiling the mean, 0.45 of the 1.0-core budget
        assertThat(s.appDemand().orElseThrow().cpuSecondsPerRequest() * 1000).isCloseTo(0.75, within(1e-9));
        assertThat(s.ceilingUtilization()).isCloseTo(0.45, within(1e-12));
        Decision d = perTrial(s);
        // trial 4 alone: 0.50 / 600 = 0.8333 ms and 0.30 / 600 = 0.5 ms; a run whose passes all read that
        // carries 0.45 / 0.0008333 = 540 req/s on 0.45 cores
        Sizing dear = SIZER.size(asIfEveryPassRead(0.5 / 0.6, 0.5), BED, r);
        assertThat(dear.appDemand().orElseThrow().cpuSecondsPerRequest() * 1000).isCloseTo(0.8333333, within(1e-6));
        assertThat(dear.ceilingUtilization()).isCloseTo(0.45, within(1e-12));
        assertThat((String) d.result().get("trial_4"))
                .isEqualTo("service 0.833 ms, database 0.500 ms: " + PlanPerTrial.shape(best(dear)));
        // trial 2 alone: 0.40 / 600 = 0.6667 ms, 0.24 / 600 = 0.4 ms
        Sizing cheap = SIZER.size(asIfEveryPassRead(0.4 / 0.6, 0.4), BED, r);
        assertThat((String) d.result().get("trial_2"))
                .isEqualTo("service 0.667 ms, database 0.400 ms: " + PlanPerTrial.shape(best(cheap)));
        // trial 3 reads the pooled figures exactly (0.45 / 600 = 0.75 ms, 0.27 / 600 = 0.45 ms): the recommendation
        assertThat((String) d.result().get("trial_3"))
                .isEqualTo("service 0.750 ms, database 0.450 ms: " + PlanPerTrial.shape(best(s)));
        // and the per-trial plans are not all the pooled one: 0.6667 ms carries 12.5 % more a replica
        assertThat(PlanPerTrial.shape(best(cheap))).isNotEqualTo(PlanPerTrial.shape(best(s)));
    }

    @Test
    void aTrialWithoutItsOwnDatabaseReadingKeepsThePooledOneAndSaysSo() {
        List<MeasuredStep> steps = search(600, new double[] {0.40, 0.45, 0.50}, new double[] {0.24, Double.NaN, 0.30});
        Sizing s = SIZER.size(steps, BED, request(5000, List.of("m6i.large"), List.of()));
        // the database pooled over trials 2 and 4 only: (0.24 + 0.30) / 1200 = 0.45 ms
        assertThat(s.dbDemand().orElseThrow().cpuSecondsPerRequest() * 1000).isCloseTo(0.45, within(1e-9));
        assertThat((String) perTrial(s).result().get("trial_3"))
                .startsWith("service 0.750 ms, database not measured at this trial: ");
        assertThat((String) perTrial(s).result().get("trial_4")).startsWith("service 0.833 ms, database 0.500 ms: ");
    }

    @Test
    void countsThatDifferAreAnInfo() {
        // one instance type and one DB class: only counts can differ
        SizingRequest r = request(5000, List.of("m6i.large"), List.of("db.t3.xlarge"));
        Sizing s = SIZER.size(spread(), BED, r);
        Sizing cheap = SIZER.size(asIfEveryPassRead(0.4 / 0.6, 0.4), BED, r);
        // 0.6667 ms against 0.75 carries 12.5 % more a replica at the same target: the counts differ
        assertThat(PlanPerTrial.shape(best(cheap))).isNotEqualTo(PlanPerTrial.shape(best(s)));
        assertThat(s.findings())
                .filteredOn(x -> x.code() == FindingCode.PLAN_VARIES_ACROSS_TRIALS)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
                    assertThat(f.message())
                            .contains("over trials 2, 3 and 4 together")
                            .contains("trial 2 alone (service 0.667 ms, database 0.400 ms): "
                                    + PlanPerTrial.shape(best(cheap)));
                });
    }

    @Test
    void aDbClassThatDiffersIsAWarning() {
        // the database's class between 2 and 4 vCPUs: at 3200 req/s and a 75 % target the pooled 0.45 ms
        // needs 3200 x 0.00045 / 0.75 = 1.92 vCPU (db.m5.large's 2 hold it), trial 4's 0.5 ms needs
        // 3200 x 0.0005 / 0.75 = 2.13 (db.m5.xlarge's 4)
        Sizing s =
                SIZER.size(spread(), BED, request(3200, List.of("m6i.large"), List.of("db.m5.large", "db.m5.xlarge")));
        assertThat(best(s).dbClass()).isEqualTo("db.m5.large");
        assertThat((String) perTrial(s).result().get("trial_4")).endsWith("db.m5.xlarge");
        assertThat(s.findings())
                .filteredOn(x -> x.code() == FindingCode.PLAN_VARIES_ACROSS_TRIALS)
                .singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Finding.Severity.WARNING));
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
