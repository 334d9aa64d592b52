package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.input.CatalogFiles;
import dev.headroom.metrics.StepsCsv;
import dev.headroom.report.TerraformVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The sizer end to end on the bundled catalog and us-east-1 prices (published data), on steps built
 * so that every figure the assertions rest on can be worked out by hand; the hand calculation is
 * beside each assertion.
 */
class SizerTest {
    static final InstanceCatalog INSTANCES = CatalogFiles.instances();
    static final DbClassCatalog DB_CLASSES = CatalogFiles.dbClasses();
    static final Sizer SIZER = new Sizer(INSTANCES, DB_CLASSES, CatalogFiles.builtInPrices("us-east-1"));

    /** The service had one core; the pool was 10 and the threads 200; the host was x86_64. */
    static final TestBed BED = new TestBed(1.0, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.X86_64));

    /**
     * Six closed-model steps, 100 to 600 req/s, each request costing 1 ms of service CPU and 0.8 ms
     * of database CPU (U = X·D exactly, no background), holding its connection {@code holdMs}, with
     * p95 20 ms: capacity at the SLO is step 6, the service's CPU there 0.6 of its core.
     */
    static List<MeasuredStep> linear(double holdMs) {
        List<MeasuredStep> steps = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            double rps = 100 * i;
            steps.add(Steps.full(i)
                    .users(10 * i)
                    .rps(rps)
                    .p95Ms(20)
                    .app(rps * 0.001)
                    .db(rps * 0.0008)
                    .holdMs(holdMs)
                    .pending(0)
                    .memory(500)
                    .build());
        }
        return steps;
    }

    static SizingRequest request(
            Platform platform,
            SizingRequest.FailureDomain survive,
            double peakRps,
            double baselineRps,
            List<String> types,
            Optional<SizingRequest.CurrentPlan> plan) {
        return request(platform, survive, peakRps, baselineRps, types, plan, 3);
    }

    static SizingRequest request(
            Platform platform,
            SizingRequest.FailureDomain survive,
            double peakRps,
            double baselineRps,
            List<String> types,
            Optional<SizingRequest.CurrentPlan> plan,
            int zones) {
        return new SizingRequest(
                peakRps,
                baselineRps,
                0.10,
                new SizingRequest.SloTarget(Double.NaN, 0.1, Double.NaN, 0.01),
                platform,
                "us-east-1",
                zones,
                survive,
                new SizingRequest.InstanceFilter(List.of(), List.of(), types),
                new SizingRequest.TestHost(Optional.empty(), Double.NaN),
                new SizingRequest.DatabaseRequest(List.of(), OptionalInt.empty(), 5, 0.75),
                new SizingRequest.ReplicaRequest(Double.NaN, 700, 0.2),
                new SizingRequest.ScalingTimes(15, 15, 60, 180, 10),
                plan);
    }

    static SizingRequest ec2(double peakRps, List<String> types) {
        return request(Platform.EC2_ASG, SizingRequest.FailureDomain.NONE, peakRps, 300, types, Optional.empty());
    }

    // --- 1. The HikariCP rule is fleet-wide, counted in the database's cores, never a rejection ----

    @Test
    void aDatabaseThatCarriesThePeakOnTwoVcpusIsChosenAtTwoWhateverTheReplicaSize() {
        // DB work at the 1000 req/s peak: 1000 x 0.8 ms = 0.8 cores; at the 75 % target 1.07 vCPU, so
        // a 2-vCPU class (40 % busy at the peak) carries it. App types of 2, 4 and 8 vCPUs: with 6 ms
        // holds an 8-vCPU replica keeps 0.6 x 8 / 1 ms = 4800 req/s x 6 ms = 28.8 connections busy,
        // which the old per-replica rule (busy >= 2 x DB vCPUs) took as a reason for an 8-vCPU DB.
        Sizing s = SIZER.size(linear(6), BED, ec2(1000, List.of("m6i.large", "m6i.xlarge", "m7g.2xlarge")));
        assertThat(s.plans()).filteredOn(Plan::feasible).hasSize(3).allSatisfy(p -> assertThat(
                        DB_CLASSES.byName(p.dbClass()).vcpus())
                .as(p.capacityType() + " gets " + p.dbClass())
                .isEqualTo(2));
        // Fleet-wide: 1000 req/s x 6 ms = 6.0 connections active at once, above the 2 x cores of any
        // 2-vCPU class (1 Intel/AMD core -> 2, 2 Graviton cores -> 4): a finding, not a rejection.
        assertThat(s.findings())
                .filteredOn(f -> f.code() == FindingCode.POOL_ABOVE_DB_CORES)
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("6.0 connections", "The class stays"));
        Plan best = s.recommendation().orElseThrow();
        assertThat(best.reasons().activeConnectionsAtPeak()).isCloseTo(6.0, within(1e-9));
        assertThat(best.reasons().dbUsefulActiveConnections())
                .isEqualTo(2 * DB_CLASSES.byName(best.dbClass()).physicalCores());
    }

    @Test
    void theFleetWideCheckStaysQuietWhenTheDatabaseCoresKeepUp() {
        // 1000 req/s x 1 ms = 1.0 connection active at the peak: within 2 x 1 core of any class.
        Sizing s = SIZER.size(linear(1), BED, ec2(1000, List.of("m6i.large")));
        assertThat(s.recommendation()).isPresent();
        assertThat(s.has(FindingCode.POOL_ABOVE_DB_CORES)).isFalse();
    }

    @Test
    void thePoolAndDbClassDecisionsNameEveryRejectedClassAndWhy() {
        // Peak 4000 req/s: DB work 4000 x 0.8 ms = 3.2 cores, 4.27 vCPU at 75 %: every 2- and 4-vCPU
        // class is passed over for its CPU, each with the figures.
        Sizing s = SIZER.size(linear(1), BED, ec2(4000, List.of("m6i.large")));
        Plan best = s.recommendation().orElseThrow();
        assertThat(DB_CLASSES.byName(best.dbClass()).vcpus()).isEqualTo(8);
        assertThat(best.reasons().dbRejected())
                .isNotEmpty()
                .anySatisfy(r -> assertThat(r).contains("the peak needs 4.27 vCPU at 75 % DB CPU, it has 2"))
                .anySatisfy(r -> assertThat(r).contains("the peak needs 4.27 vCPU at 75 % DB CPU, it has 4"));
        Decision db = decision(s, "db_class");
        assertThat(db.result().get("db_class")).isEqualTo(best.dbClass());
        assertThat(db.reasoning()).contains("Passed over:", "it has 4");
        Decision pool = decision(s, "pool");
        assertThat(pool.result().get("pool_size")).isEqualTo(best.poolSize());
        assertThat(pool.reasoning()).contains("Little's law", "Erlang C", "4000 req/s x 1.00 ms");
    }

    // --- 2. The spare that is costed is the spare that runs ------------------------------------------

    @Test
    void aPlanThatSurvivesAZoneRunsWhatItCosts() {
        // EC2 m6i.large (2 vCPU), D = 1 ms, SLO held at 60 % CPU. Lag = 180 s alarm + 60 s instance
        // + 10 s service = 250 s; target = 0.6 / (1 + 0.10 x 250 / 60) = 0.4235 -> 42 %.
        // At the target an instance carries 0.42 x 2 / 1 ms = 840 req/s: 7000 / 840 -> 9 for the peak.
        // At the ceiling 0.6 x 2 / 1 ms = 1200 req/s: 7000 / 1200 -> 6 must survive a zone's loss.
        // Three zones, spread evenly: n - ceil(n / 3) >= 6 first holds at n = 9 (9 - 3 = 6).
        SizingRequest r = request(
                Platform.EC2_ASG,
                SizingRequest.FailureDomain.ZONE,
                7000,
                Double.NaN,
                List.of("m6i.large"),
                Optional.empty());
        Sizing s = SIZER.size(linear(1), BED, r);
        Plan p = s.recommendation().orElseThrow();
        assertThat(s.cpuTargetUtilization()).isEqualTo(0.42);
        assertThat(p.replicasForPeak()).isEqualTo(9);
        assertThat(p.minReplicas()).isEqualTo(9);
        assertThat(p.nodesMin()).isEqualTo(9);
        assertThat(p.nodesForPeak()).isEqualTo(9);
        // The group's minimum keeps all 9 running: what the cost counts (9 x 0.096 USD/h x 730 h).
        assertThat(TerraformVariables.of(s).get(TerraformVariables.ASG_MIN_SIZE))
                .isEqualTo(9);
        assertThat(p.cost().computeUsdPerMonth()).isCloseTo(9 * 0.096 * 730, within(0.01));
        // Losing the fullest zone (3 of 9) leaves 6, which carry 6 x 1200 = 7200 >= 7000 req/s.
        assertThat((p.minReplicas() - (p.minReplicas() + 2) / 3) * 1200.0).isGreaterThanOrEqualTo(7000);
    }

    @Test
    void aZoneSpareAboveThePeaksCountIsTheMinimumAndNoMoreInstancesThanThat() {
        // As above, at 8000 req/s: 8000 / 840 -> 10 instances for the peak at the target; 8000 / 1200
        // -> 7 must survive. n - ceil(n / 3) >= 7: 10 - 4 = 6 no, 11 - 4 = 7 yes: 11 run all day, one
        // more than the peak's 10 (the spare), and 11 instances, not 12: an Auto Scaling group
        // spreads 11 over three zones as 4 + 4 + 3 itself.
        SizingRequest r = request(
                Platform.EC2_ASG,
                SizingRequest.FailureDomain.ZONE,
                8000,
                Double.NaN,
                List.of("m6i.large"),
                Optional.empty());
        // No database CPU (8000 x 0.8 ms would need more than the catalog's largest 8-vCPU class):
        // the counts are the point here.
        Sizing s = SIZER.size(withoutDb(linear(1)), BED, r);
        Plan p = s.recommendation().orElseThrow(() -> new AssertionError(s.plans()));
        assertThat(p.replicasForPeak()).isEqualTo(10);
        assertThat(p.minReplicas()).isEqualTo(11);
        assertThat(p.nodesMin()).isEqualTo(11);
        assertThat(p.nodesForPeak()).isEqualTo(11);
        assertThat(p.cost().computeUsdPerMonth()).isCloseTo(11 * 0.096 * 730, within(0.01));
        // every JVM that runs opens its pool: the budget counts at least the 11
        assertThat(p.maxReplicas()).isGreaterThanOrEqualTo(11);
    }

    @Test
    void everyPlanThatSurvivesALossKeepsItsSurvivorsAtThePeakRunningAtItsMinimum() {
        for (Platform platform : Platform.values()) {
            for (SizingRequest.FailureDomain survive :
                    List.of(SizingRequest.FailureDomain.NODE, SizingRequest.FailureDomain.ZONE)) {
                SizingRequest r = request(platform, survive, 5000, 500, List.of(), Optional.empty());
                TestBed bed = platform == Platform.EKS
                        ? new TestBed(0.5, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.X86_64))
                        : BED;
                Sizing s = SIZER.size(platform == Platform.EKS ? halfCore() : linear(1), bed, r);
                assertThat(s.plans()).as(platform + " " + survive).anyMatch(Plan::feasible);
                for (Plan p : s.plans().stream().filter(Plan::feasible).toList()) {
                    // The replicas that carry the peak at the SLO's ceiling, worked back from the plan.
                    int lost = survive == SizingRequest.FailureDomain.NODE
                            ? p.replicasPerNode()
                            : (p.minReplicas() + 2) / 3; // the fullest of three zones
                    assertThat(p.minReplicas() - lost)
                            .as(platform + " " + survive + " " + p.capacityType() + ": survivors at the minimum")
                            .isGreaterThanOrEqualTo((int) Math.ceil(5000 / perReplicaAtCeiling(s, p)));
                    assertThat(p.nodesMin())
                            .as("the minimum nodes hold the minimum replicas")
                            .isGreaterThanOrEqualTo((p.minReplicas() + p.replicasPerNode() - 1) / p.replicasPerNode());
                }
            }
        }
    }

    @Test
    void nodesNeverNumberFewerThanTheZonesTheReplicasSpreadOver() {
        // EKS on m6i.2xlarge (8 vCPU, 0.384 USD/h), pods of half a core (halfCore: D = 1 ms, the SLO
        // held at 0.3 of 0.5 cores, a 60 % ceiling): a 100 req/s peak needs 1 replica at the target
        // and 1 at the ceiling (0.6 x 0.5 / 1 ms = 300 req/s). Three zones set min replicas to 3.
        TestBed bed = new TestBed(0.5, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.X86_64));
        for (SizingRequest.FailureDomain survive :
                List.of(SizingRequest.FailureDomain.NONE, SizingRequest.FailureDomain.NODE)) {
            SizingRequest r = request(Platform.EKS, survive, 100, Double.NaN, List.of("m6i.2xlarge"), Optional.empty());
            Plan p = SIZER.size(halfCore(), bed, r).recommendation().orElseThrow();
            int perNode = p.replicasPerNode();
            // many half-core pods fit an 8-vCPU node: packing alone would need 1 node (none) or
            // ceil((1 + perNode) / perNode) = 2 (node: min = need 1 + one node's pods)
            assertThat(perNode).as("pods per node").isGreaterThan(3);
            int minReplicas = survive == SizingRequest.FailureDomain.NONE ? 3 : 1 + perNode;
            assertThat(p.minReplicas()).as(survive + ": min replicas").isEqualTo(minReplicas);
            assertThat((minReplicas + perNode - 1) / perNode).as("packed").isLessThan(3);
            // ... but three zones need a node each: 3 nodes at the minimum and the peak
            assertThat(p.nodesMin()).as(survive + ": nodes min").isEqualTo(3);
            assertThat(p.nodesForPeak()).as(survive + ": nodes at the peak").isEqualTo(3);
            assertThat(p.nodesMax()).as(survive + ": nodes max").isGreaterThanOrEqualTo(3);
            // the cost counts them: 3 x 0.384 USD/h x 730 h = 840.96 USD
            assertThat(p.cost().computeUsdPerMonth()).isCloseTo(3 * 0.384 * 730, within(0.01));
        }
        // One zone: packing alone (1 node for 2 replicas, MIN_REPLICAS), as before.
        SizingRequest oneZone = request(
                Platform.EKS,
                SizingRequest.FailureDomain.NONE,
                100,
                Double.NaN,
                List.of("m6i.2xlarge"),
                Optional.empty(),
                1);
        Plan single = SIZER.size(halfCore(), bed, oneZone).recommendation().orElseThrow();
        assertThat(single.minReplicas()).isEqualTo(2);
        assertThat(single.nodesMin()).isEqualTo(1);
    }

    // --- 3. The bottleneck ----------------------------------------------------------------------------

    /**
     * A pool-bound run, as the users' write-up describes: a pool of 10, every request holding its
     * connection 28 ms (Little: 350 req/s x 28 ms = 9.8 busy of 10), requests waiting for one, the
     * database at 0.56 cores (28 % of 2 vCPUs) and the service at 35 % of its core.
     */
    static List<MeasuredStep> poolBound() {
        double[] rps = {100, 200, 300, 350, 355, 356};
        double[] pending = {0, 0, 0.2, 5, 20, 40};
        double[] p95 = {10, 10, 15, 40, 120, 200};
        List<MeasuredStep> steps = new ArrayList<>();
        for (int i = 0; i < rps.length; i++)
            steps.add(Steps.full(i + 1)
                    .users(10 * (i + 1))
                    .rps(rps[i])
                    .p95Ms(p95[i])
                    .app(rps[i] * 0.001)
                    .db(rps[i] * 0.0016)
                    .holdMs(28)
                    .active(Math.min(10, rps[i] * 0.028))
                    .poolMax(10)
                    .pending(pending[i])
                    .acquireMs(pending[i] > 1 ? 60 : 0.1)
                    .memory(500)
                    .build());
        return steps;
    }

    @Test
    void aPoolBoundRunIsDiagnosedAsPoolBoundAndNotGivenALargerDatabase() {
        Sizing s = SIZER.size(poolBound(), BED, ec2(700, List.of("m6i.large")));
        // Knee: the first step within 2.5 % of the 356 req/s maximum is step 4 (350 >= 347.1).
        assertThat(s.capacity().knee().map(MeasuredStep::step)).contains(4);
        assertThat(s.bottleneck().primary().map(Bottleneck.Limit::resource))
                .contains(Bottleneck.Resource.CONNECTION_POOL);
        assertThat(s.findings())
                .filteredOn(f -> f.code() == FindingCode.BOTTLENECK_POOL)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                    // steps 4 and 5: up to 20 waiting, the database at 355 x 1.6 ms = 0.57 cores
                    assertThat(f.message()).contains("20.0 requests waited", "the database used only 0.57 cores");
                });
        assertThat(s.has(FindingCode.BOTTLENECK_DATABASE)).isFalse();
        // The service's 35 % at step 4 is where the pool stopped it: a lower bound, said so.
        assertThat(decision(s, "ceiling_utilization").result().get("ceiling_is_lower_bound"))
                .isEqualTo(true);
        // DB work at the 700 req/s peak: 700 x 1.6 ms = 1.12 cores, 1.49 vCPU at 75 %: two vCPUs.
        Plan best = s.recommendation().orElseThrow();
        assertThat(DB_CLASSES.byName(best.dbClass()).vcpus()).isEqualTo(2);
        // The fix is a larger pool: at its ceiling a 2-vCPU replica carries 0.35 x 2 / 1 ms = 700
        // req/s, holding 700 x 28 ms = 19.6 connections: more than the 10 it was tested with.
        assertThat(best.reasons().connectionsPerReplica()).isCloseTo(19.6, within(1e-9));
        assertThat(best.poolSize()).isGreaterThan(20);
    }

    @Test
    void connectionsHeldLongerAsLoadRisesPointAtTheDatabaseNotThePool() {
        double[] rps = {100, 200, 300, 350, 355, 356};
        double[] hold = {2, 2, 2.5, 4, 6, 8};
        double[] pending = {0, 0, 0, 0.5, 3, 6};
        List<MeasuredStep> steps = new ArrayList<>();
        for (int i = 0; i < rps.length; i++)
            steps.add(Steps.full(i + 1)
                    .users(10 * (i + 1))
                    .rps(rps[i])
                    .p95Ms(20)
                    .app(rps[i] * 0.001)
                    .holdMs(hold[i])
                    .pending(pending[i])
                    .build());
        Bottleneck b = diagnose(steps);
        // Knee at step 4; steps 4 and 5 held 6 ms at most, 3 x the 2 ms at step 1 (>= 2 x).
        assertThat(b.primary().map(Bottleneck.Limit::resource)).contains(Bottleneck.Resource.DATABASE);
        assertThat(b.primary().get().evidence()).contains("6.00 ms, 3.0 x the 2.00 ms at step 1");
        assertThat(b.has(Bottleneck.Resource.CONNECTION_POOL))
                .as("the waiters are the symptom")
                .isFalse();
        assertThat(b.cpuNotTheLimit()).isTrue();
    }

    @Test
    void aServiceAtItsCpuBudgetIsCpuBound() {
        Bottleneck b = diagnose(cpuBound(1, 1, 1, 1, 1, 1));
        // Knee at step 4 (800 >= 0.975 x 812); its CPU 0.96 of 1 core >= 85 %.
        assertThat(b.primary().map(Bottleneck.Limit::resource)).contains(Bottleneck.Resource.SERVICE_CPU);
        assertThat(b.cpuNotTheLimit()).isFalse();
        assertThat(b.notJudged()).contains("request threads", "GC");
    }

    @Test
    void longerHoldsAtASaturatedCpuAreTheServicesNotTheDatabases() {
        // Knee at step 4 (800 >= 0.975 x 812); the service at 0.96 of its core there, and its holds
        // 1 -> 4 ms: a throttled service holds its connections longer, the database need not be slower.
        Bottleneck b = diagnose(cpuBound(1, 1, 1.2, 2.5, 4, 5));
        assertThat(b.primary().map(Bottleneck.Limit::resource)).contains(Bottleneck.Resource.SERVICE_CPU);
        assertThat(b.has(Bottleneck.Resource.DATABASE)).isFalse();
    }

    @Test
    void anInvalidStepAfterAKneeDoesNotMakeTheHostTheLimit() {
        // Knee at step 4 (as above, CPU-bound); step 7 could not be delivered. The service showed its
        // knee first, so the host did not stop the test.
        List<MeasuredStep> steps = cpuBound(1, 1, 1, 1, 1, 1);
        steps.add(Steps.full(7).users(70).rps(700).p95Ms(20).invalid().build());
        Bottleneck b = diagnose(steps);
        assertThat(b.has(Bottleneck.Resource.INJECTOR_HOST)).isFalse();
        assertThat(b.primary().map(Bottleneck.Limit::resource)).contains(Bottleneck.Resource.SERVICE_CPU);
    }

    @Test
    void aColdFirstStepThatMissedItsLatencyIsNotSaturation() {
        // Open model: step 1 at a p95 of 300 ms (a JIT still compiling), steps 2-4 at 20 ms with every
        // offered request carried: the heaviest step kept up, so the test never saturated the service.
        double[] p95 = {300, 20, 20, 20};
        List<MeasuredStep> steps = new ArrayList<>();
        for (int i = 0; i < 4; i++)
            steps.add(Steps.full(i + 1)
                    .offered(100 * (i + 1))
                    .rps(100 * (i + 1))
                    .p95Ms(p95[i])
                    .build());
        Sizing s = SIZER.size(steps, BED, ec2(1000, List.of("m6i.large")));
        assertThat(s.capacity().saturationReached()).isFalse();
        assertThat(s.has(FindingCode.SATURATION_NOT_REACHED)).isTrue();
    }

    @Test
    void aStaircasesColdFirstStepIsLeftOutOfTheDemandLineAndTheHoldTime() {
        // Open model, 100..600 req/s. Step 1 missed its p95 (300 ms > 100) on a JIT still compiling:
        // 0.30 cores at 100 req/s, connections held 14 ms through the throttling. Steps 2-5 held
        // the SLO at U = 0.05 + X x 1 ms (200 -> 0.25, ..., 500 -> 0.55 cores), holds 1, 1, 1, 2 ms.
        // Step 6 fell behind (500 of 600 req/s): the knee is step 5, the last that kept up.
        double[] rps = {100, 200, 300, 400, 500, 500};
        double[] p95 = {300, 20, 20, 20, 20, 2000};
        double[] app = {0.30, 0.25, 0.35, 0.45, 0.55, 0.97};
        double[] hold = {14, 1, 1, 1, 2, 10};
        List<MeasuredStep> steps = new ArrayList<>();
        for (int i = 0; i < rps.length; i++)
            steps.add(Steps.full(i + 1)
                    .offered(100 * (i + 1))
                    .rps(rps[i])
                    .p95Ms(p95[i])
                    .app(app[i])
                    .holdMs(hold[i])
                    .pending(0)
                    .memory(500)
                    .build());
        SizingRequest req = ec2(1000, List.of("m6i.large"));
        Capacity c = CapacityAnalysis.analyze(steps, req.slo());
        assertThat(c.knee().map(MeasuredStep::step)).contains(5);

        List<MeasuredStep> unsaturated = Sizer.unsaturated(steps, c, req.slo());
        assertThat(unsaturated).extracting(MeasuredStep::step).containsExactly(2, 3, 4, 5);
        // hold, weighted by throughput over steps 2-5: (200 + 300 + 400 + 500 x 2) / 1400 = 1.3571 ms;
        // with step 1 it would be (1900 + 100 x 14) / 1500 = 2.2 ms
        assertThat(Sizer.holdSeconds(unsaturated)).isCloseTo(0.0013571, within(1e-7));
        // the line through steps 2-5 is exact: D = 1 ms, U0 = 0.05 cores. With step 1 (0.30 at
        // X = 100) least squares gives U0 = 0.17 cores and D = 0.70 ms with residuals of 0.009: a
        // 95 % interval on D of +-0.55 ms, not known to 20 %, so the sizer would fall back to U/X at
        // step 5, 0.55 / 500 = 1.10 ms with no background.
        ServiceDemand d = SIZER.size(steps, BED, req).appDemand().orElseThrow();
        assertThat(d.cpuSecondsPerRequest()).isCloseTo(0.001, within(1e-9));
        assertThat(d.backgroundCores()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void aClosedStaircasesMissBelowThePlateauStaysWhenNoHeavierStepHeld() {
        // Closed model, 10..60 users: 100, 200, 300, 400, 490, 495 req/s. The plateau starts at step
        // 5 (490 >= 0.975 x 495 = 482.6), with step 6 above it: the knee is step 5.
        double[] rps = {100, 200, 300, 400, 490, 495};
        SizingRequest.SloTarget slo = ec2(1000, List.of("m6i.large")).slo(); // p95 100 ms
        java.util.function.Function<double[], List<MeasuredStep>> closed = p95 -> {
            List<MeasuredStep> steps = new ArrayList<>();
            for (int i = 0; i < rps.length; i++)
                steps.add(Steps.full(i + 1)
                        .users(10 * (i + 1))
                        .rps(rps[i])
                        .p95Ms(p95[i])
                        .app(rps[i] * 0.001)
                        .build());
            return steps;
        };
        // latency climbs past the SLO at step 3 while throughput still rises: CPU still measures
        // cost there, and no heavier step up to the knee held, so steps 1-5 all stay
        List<MeasuredStep> climbing = closed.apply(new double[] {20, 20, 120, 150, 300, 900});
        assertThat(Sizer.unsaturated(climbing, CapacityAnalysis.analyze(climbing, slo), slo))
                .extracting(MeasuredStep::step)
                .containsExactly(1, 2, 3, 4, 5);
        // an SLO tighter than the service's unloaded latency: every step missed, none is left out
        List<MeasuredStep> tight = closed.apply(new double[] {200, 200, 210, 220, 300, 900});
        assertThat(Sizer.unsaturated(tight, CapacityAnalysis.analyze(tight, slo), slo))
                .extracting(MeasuredStep::step)
                .containsExactly(1, 2, 3, 4, 5);
        // a cold first step that missed while step 2 held: transient, left out
        List<MeasuredStep> cold = closed.apply(new double[] {300, 20, 20, 20, 40, 900});
        assertThat(Sizer.unsaturated(cold, CapacityAnalysis.analyze(cold, slo), slo))
                .extracting(MeasuredStep::step)
                .containsExactly(2, 3, 4, 5);
        // only a step up to the knee clears a miss: step 5 (the knee, p95 120 ms) missed and step 6
        // (90 ms) held, but step 6 is past the plateau's start, so the knee stays
        List<MeasuredStep> pastKnee = closed.apply(new double[] {20, 20, 20, 20, 120, 90});
        assertThat(Sizer.unsaturated(pastKnee, CapacityAnalysis.analyze(pastKnee, slo), slo))
                .extracting(MeasuredStep::step)
                .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void anOpenStaircasesMissIsLeftOutOnlyBelowAStepThatHeldEveryPartOfTheSlo() {
        SizingRequest.SloTarget slo = ec2(1000, List.of("m6i.large")).slo(); // p95 100 ms, 1 % errors
        // 100..500 req/s offered. Step 2 carried 150 of 200 req/s (under 0.95 x 200 = 190) at a p95
        // of 20 ms: it fell behind, the knee's own test. Steps 3-4 kept up; step 5 carried 400 of
        // 500: the knee is step 4, the last that kept up.
        DoubleFunction<List<MeasuredStep>> heavierFailing = errorRatio -> List.of(
                open(1, 100, 100, 20, 0),
                open(2, 200, 150, 20, 0),
                open(3, 300, 300, 20, errorRatio),
                open(4, 400, 400, 20, errorRatio),
                open(5, 500, 400, 20, errorRatio));
        List<MeasuredStep> behind = heavierFailing.apply(0);
        Capacity c = CapacityAnalysis.analyze(behind, slo);
        assertThat(c.knee().map(MeasuredStep::step)).contains(4);
        assertThat(Sizer.unsaturated(behind, c, slo))
                .extracting(MeasuredStep::step)
                .containsExactly(1, 3, 4);
        // the same miss at step 2, but every heavier step failed 5 % of its requests (fast, so its
        // latency held): none held every part of the SLO, so step 2 stays
        List<MeasuredStep> failingFast = heavierFailing.apply(0.05);
        Capacity f = CapacityAnalysis.analyze(failingFast, slo);
        assertThat(f.knee().map(MeasuredStep::step)).contains(4);
        assertThat(Sizer.unsaturated(failingFast, f, slo))
                .extracting(MeasuredStep::step)
                .containsExactly(1, 2, 3, 4);
    }

    private static MeasuredStep open(int step, double offeredRps, double rps, double p95Ms, double errorRatio) {
        return MeasuredStep.builder(step)
                .offeredRps(offeredRps)
                .throughputRps(rps)
                .latencyP95Seconds(p95Ms / 1000)
                .errorRatio(errorRatio)
                .build();
    }

    @Test
    void threadsGcAndAFullHostAreNamed() {
        List<MeasuredStep> steps = List.of(
                Steps.full(1)
                        .users(10)
                        .rps(100)
                        .p95Ms(10)
                        .app(0.1)
                        .threads(20)
                        .gcMsPerS(5)
                        .hostIdle(1.2)
                        .build(),
                Steps.full(2)
                        .users(20)
                        .rps(190)
                        .p95Ms(10)
                        .app(0.2)
                        .threads(185)
                        .gcMsPerS(150)
                        .hostIdle(0.05)
                        .build(),
                Steps.full(3).users(30).rps(150).p95Ms(10).invalid().build());
        Bottleneck b = diagnose(steps);
        // No knee (the last valid step is the highest): step 2, 185 of 200 threads (>= 90 %), 150 ms/s
        // of GC (>= 10 %), 0.05 idle cores (< 0.10) and an invalid step above it.
        assertThat(b.limits())
                .extracting(Bottleneck.Limit::resource)
                .containsExactly(
                        Bottleneck.Resource.INJECTOR_HOST, Bottleneck.Resource.REQUEST_THREADS, Bottleneck.Resource.GC);
    }

    // --- 4. Bounds --------------------------------------------------------------------------------------

    @Test
    void aReplicaCarryingAlmostNothingIsRefusedAsAPlanNotWrappedRoundAnInt() {
        // 1000 cores for 0.02 req/s: 50 000 s of CPU a request. An 8-vCPU replica at its target
        // carries about 1e-4 req/s, so the 1e7 req/s peak would need about 1e11 replicas.
        List<MeasuredStep> steps = List.of(
                Steps.full(1).users(1).rps(0.01).p95Ms(10).app(500).memory(500).build(),
                Steps.full(2).users(2).rps(0.02).p95Ms(10).app(1000).memory(500).build());
        TestBed bed = new TestBed(1024, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.X86_64));
        assertThatCode(() -> SIZER.size(steps, bed, ec2(1e7, List.of("m7g.2xlarge"))))
                .doesNotThrowAnyException();
        Sizing s = SIZER.size(steps, bed, ec2(1e7, List.of("m7g.2xlarge")));
        assertThat(s.recommendation()).isEmpty();
        assertThat(s.plans()).singleElement().satisfies(p -> assertThat(p.violations())
                .anySatisfy(v -> assertThat(v).contains("more than the 100000 a plan may have")));
        assertThat(TerraformVariables.of(s)).isEmpty();
    }

    // --- 6. CPU above the budget ---------------------------------------------------------------------

    @Test
    void cpuAboveTheTestedBudgetIsRefusedNotClampedTo100Percent() {
        // Step 6 used 0.6 cores under a 0.5-core budget: 120 %.
        TestBed half = new TestBed(0.5, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.X86_64));
        Sizing s = SIZER.size(linear(1), half, ec2(1000, List.of("m6i.large")));
        assertThat(s.findings())
                .filteredOn(f -> f.code() == FindingCode.CPU_ABOVE_BUDGET)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
                    assertThat(f.message()).contains("0.60 cores, 120 % of the 0.50-core budget");
                });
        assertThat(s.ceilingUtilization()).isNaN();
        assertThat(s.plans()).isEmpty();
        // 0.6 / 0.59 = 101.7 %: within the 5 % a sampling window can read over a quota, taken as 100 %.
        TestBed nearly = new TestBed(0.59, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.X86_64));
        Sizing n = SIZER.size(linear(1), nearly, ec2(1000, List.of("m6i.large")));
        assertThat(n.ceilingUtilization()).isEqualTo(1.0);
        assertThat(n.findings())
                .filteredOn(f -> f.code() == FindingCode.CPU_ABOVE_BUDGET)
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.INFO));
    }

    // --- 8. The current plan, fully -------------------------------------------------------------------

    @Test
    void theCurrentDbClassIsCheckedAgainstItsCreditBaseline() {
        // Baseline 300 req/s x 0.8 ms = 0.24 cores on a db.t4g.micro's 2 vCPUs = 12 % sustained,
        // above its 10 % baseline; at the 1000 req/s peak 0.8 / 2 = 40 %, within the 75 % target.
        SizingRequest.CurrentPlan plan = new SizingRequest.CurrentPlan(
                Optional.of("m6i.large"),
                OptionalInt.of(2),
                OptionalInt.of(6),
                OptionalInt.of(10),
                Optional.of("db.t4g.micro"),
                OptionalInt.empty(),
                0.4,
                OptionalInt.empty());
        Sizing s = SIZER.size(
                linear(1),
                BED,
                request(
                        Platform.EC2_ASG,
                        SizingRequest.FailureDomain.NONE,
                        1000,
                        300,
                        List.of("m6i.large"),
                        Optional.of(plan)));
        assertThat(s.findings())
                .filteredOn(f -> f.code() == FindingCode.BURSTABLE_BASELINE_EXCEEDED)
                .filteredOn(f -> f.message().contains("db.t4g.micro"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("10 % per vCPU", "12 % sustained"));
        assertThat(s.findings())
                .filteredOn(f -> f.code() == FindingCode.PLAN_CAPACITY_SHORT)
                .noneMatch(f -> f.message().contains("db.t4g.micro"));
    }

    // --- 9. No silent guesses -------------------------------------------------------------------------

    @Test
    void aPlanOnAnotherArchitectureSaysSoAndShowsTheBestOnTheTestsOwn() {
        // Tested on arm64. One m6i.xlarge (x86_64, 4 vCPU) carries 0.42 x 4 / 1 ms = 1680 req/s at
        // the target: the floor of 3 instances, 3 x 0.192 USD/h; an m7g.2xlarge (arm64) costs 0.3264.
        TestBed arm = new TestBed(1.0, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.ARM64));
        Sizing s = SIZER.size(linear(1), arm, ec2(1000, List.of("m6i.xlarge", "m7g.2xlarge")));
        assertThat(s.recommendation().map(Plan::capacityType)).contains("m6i.xlarge");
        assertThat(s.sameArchitecturePlan().map(Plan::capacityType)).contains("m7g.2xlarge");
        assertThat(s.findings())
                .filteredOn(f -> f.code() == FindingCode.ARCHITECTURE_CHANGE)
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("x86_64", "arm64", "m7g.2xlarge"));
        // Tested on x86_64: the same recommendation needs no such finding.
        Sizing same = SIZER.size(linear(1), BED, ec2(1000, List.of("m6i.xlarge", "m7g.2xlarge")));
        assertThat(same.has(FindingCode.ARCHITECTURE_CHANGE)).isFalse();
        assertThat(same.sameArchitecturePlan()).isEmpty();
    }

    @Test
    void withoutADatabaseMeasurementNoClassReachesTheTerraformVariables() {
        List<MeasuredStep> noDb = withoutDb(linear(1));
        Sizing s = SIZER.size(noDb, BED, ec2(1000, List.of("m6i.large")));
        Plan best = s.recommendation().orElseThrow();
        assertThat(best.dbClass()).isEmpty();
        Map<String, Object> tf = TerraformVariables.of(s);
        assertThat(tf).doesNotContainKeys(TerraformVariables.DB_INSTANCE_CLASS, TerraformVariables.DB_MAX_CONNECTIONS);
        assertThat(tf).containsKey(TerraformVariables.POOL_SIZE);
        assertThat(decision(s, "db_class").reasoning()).contains(StepsCsv.DB_CPU_CORES + " was not measured");
    }

    @Test
    void anOpenModelStepPastTheSlosLatencyHasNotKeptUp() {
        // 99 % of each offered rate delivered, but step 5 at a p95 of 2 s against the SLO's 100 ms.
        List<MeasuredStep> steps = new ArrayList<>();
        double[] p95 = {20, 20, 20, 20, 2000};
        for (int i = 0; i < 5; i++)
            steps.add(Steps.full(i + 1)
                    .offered(100 * (i + 1))
                    .rps(99 * (i + 1))
                    .p95Ms(p95[i])
                    .build());
        Sizing s = SIZER.size(steps, BED, ec2(1000, List.of("m6i.large")));
        assertThat(s.capacity().knee().map(MeasuredStep::step)).contains(4);
        assertThat(s.capacity().saturationReached()).isTrue();
        assertThat(s.has(FindingCode.SATURATION_NOT_REACHED)).isFalse();
    }

    // --- 10. No peak: the capacity part --------------------------------------------------------------

    @Test
    void withoutAPeakTheCapacityPartIsWrittenAndPlansAreSaidToNeedOne() {
        SizingRequest noPeak = request(
                Platform.EKS, SizingRequest.FailureDomain.NONE, Double.NaN, Double.NaN, List.of(), Optional.empty());
        Sizing s = SIZER.size(poolBound(), BED, noPeak);
        assertThat(s.capacity().capacityAtSloRps()).isEqualTo(350);
        assertThat(s.usl()).isPresent();
        assertThat(s.appDemand()).isPresent();
        assertThat(s.bottleneck().primary()).isPresent();
        assertThat(s.plans()).isEmpty();
        assertThat(TerraformVariables.of(s)).isEmpty();
        assertThat(s.findings())
                .filteredOn(f -> f.code() == FindingCode.PEAK_NOT_GIVEN)
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.INFO));
    }

    /**
     * Six closed-model steps, 200 to 812 req/s at 1.2 ms of CPU each (capped at 0.97 of the core),
     * no waiters, holding connections {@code holdMs} step by step: the knee is step 4 (800 >=
     * 0.975 x 812), where the service used 0.96 of its core.
     */
    private static List<MeasuredStep> cpuBound(double... holdMs) {
        double[] rps = {200, 400, 600, 800, 810, 812};
        List<MeasuredStep> steps = new ArrayList<>();
        for (int i = 0; i < rps.length; i++)
            steps.add(Steps.full(i + 1)
                    .users(10 * (i + 1))
                    .rps(rps[i])
                    .p95Ms(20)
                    .app(Math.min(0.97, rps[i] * 0.0012))
                    .holdMs(holdMs[i])
                    .pending(0)
                    .build());
        return steps;
    }

    /** The diagnosis under the tests' SLO (p95 100 ms, 1 % errors). */
    private static Bottleneck diagnose(List<MeasuredStep> steps) {
        Capacity c = CapacityAnalysis.analyze(steps, new SizingRequest.SloTarget(Double.NaN, 0.1, Double.NaN, 0.01));
        return Bottleneck.diagnose(steps, c, BED);
    }

    private static double perReplicaAtCeiling(Sizing s, Plan p) {
        double speed = 1.0; // the test host's speed is unknown: every type counts as equal
        return s.appDemand().orElseThrow().rpsAt(p.replicaCpuCores(), s.ceilingUtilization(), speed);
    }

    /**
     * A JVM service that held 500 MiB in the test (every step of {@link #linear}) but whose heap
     * maximum (600 MiB) plus non-heap (100 MiB) is 700 MiB is sized for the 700 it will grow into, by hand:
     * ceil(700 x 1.15 / 64) x 64 = ceil(12.58) x 64 = 832 MiB, where the 500 measured would give
     * ceil(500 x 1.15 / 64) x 64 = ceil(8.98) x 64 = 576 MiB. A floor below the peak (320 + 80 = 400 MiB) and no
     * floor at all (not a JVM) leave the 576.
     */
    @Test
    void aJvmServiceIsSizedForItsWholeHeapNotForTheResidentSetOfAShortTest() {
        SizingRequest measured =
                request(Platform.EKS, SizingRequest.FailureDomain.ZONE, 1000, 200, List.of(), Optional.empty());
        SizingRequest r = new SizingRequest(
                measured.peakRps(),
                measured.baselineRps(),
                measured.growthPerMinute(),
                measured.slo(),
                measured.platform(),
                measured.region(),
                measured.availabilityZones(),
                measured.survive(),
                measured.instances(),
                measured.testHost(),
                measured.database(),
                new SizingRequest.ReplicaRequest(Double.NaN, Double.NaN, 0.2),
                measured.scaling(),
                measured.currentPlan());
        TestBed jvm = new TestBed(1.0, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.X86_64), 600, 100);
        Sizing s = SIZER.size(linear(1), jvm, r);
        assertThat(s.recommendation().orElseThrow().replicaMemoryMib()).isEqualTo(832);
        Decision d = decision(s, "replica_memory");
        assertThat(d.inputs())
                .containsEntry("peak_memory_mib", 500.0)
                .containsEntry("jvm_heap_max_plus_non_heap_mib", 700.0);
        assertThat(s.findings())
                .filteredOn(f -> f.code() == FindingCode.JVM_HEAP_NOT_RESIDENT)
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("700 MiB")
                        .contains("500 MiB")
                        .contains("AlwaysPreTouch"));

        for (TestBed bed :
                List.of(new TestBed(1.0, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.X86_64), 320, 80), BED)) {
            Sizing fromPeak = SIZER.size(linear(1), bed, r);
            assertThat(fromPeak.recommendation().orElseThrow().replicaMemoryMib())
                    .as("floor %s", bed.jvmMemoryFloorMib())
                    .isEqualTo(576);
            assertThat(fromPeak.findings()).noneMatch(f -> f.code() == FindingCode.JVM_HEAP_NOT_RESIDENT);
        }
    }

    /**
     * A request that sets replica.memory_mib (the fixture's 700) keeps it, and is told when it is
     * below what the JVM may hold: 640 + 100 = 740 MiB, which the sizer would request as
     * ceil(740 x 1.15 / 64) x 64 = ceil(13.3) x 64 = 896 MiB. 600 + 100 = 700 is not below.
     */
    @Test
    void aMemoryRequestBelowTheJvmsHeapIsKeptAndFlagged() {
        SizingRequest r =
                request(Platform.EKS, SizingRequest.FailureDomain.ZONE, 1000, 200, List.of(), Optional.empty());
        TestBed fits = new TestBed(1.0, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.X86_64), 600, 100);
        Sizing ok = SIZER.size(linear(1), fits, r);
        assertThat(ok.recommendation().orElseThrow().replicaMemoryMib()).isEqualTo(700);
        assertThat(ok.findings()).noneMatch(f -> f.code() == FindingCode.MEMORY_BELOW_JVM_HEAP);

        TestBed bigger = new TestBed(1.0, 10, 10, "test", "MariaDB", 200, Optional.of(Arch.X86_64), 640, 100);
        Sizing below = SIZER.size(linear(1), bigger, r);
        assertThat(below.recommendation().orElseThrow().replicaMemoryMib()).isEqualTo(700);
        assertThat(below.findings())
                .filteredOn(f -> f.code() == FindingCode.MEMORY_BELOW_JVM_HEAP)
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("replica.memory_mib 700 is below the 740 MiB")
                        .contains("to 896 MiB"));
    }

    /** 0.5-core pods: the same demand as {@link #linear}, measured under half a core. */
    private static List<MeasuredStep> halfCore() {
        List<MeasuredStep> steps = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            double rps = 50 * i;
            steps.add(Steps.full(i)
                    .users(5 * i)
                    .rps(rps)
                    .p95Ms(20)
                    .app(rps * 0.001)
                    .db(rps * 0.0008)
                    .holdMs(1)
                    .pending(0)
                    .memory(500)
                    .build());
        }
        return steps;
    }

    /** The same steps with the database's CPU not measured. */
    private static List<MeasuredStep> withoutDb(List<MeasuredStep> steps) {
        return steps.stream()
                .map(m -> Steps.full(m.step())
                        .users(m.concurrency())
                        .rps(m.throughputRps())
                        .p95Ms(m.latencyP95Seconds() * 1000)
                        .app(m.appCpuCores())
                        .holdMs(m.connHoldSeconds() * 1000)
                        .pending(m.poolPendingAvg())
                        .memory(m.appMemoryMib())
                        .build())
                .toList();
    }

    private static Decision decision(Sizing s, String name) {
        return s.decisions().stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no decision " + name + " in " + s.decisions()));
    }
}
