package dev.headroom.report;

import dev.headroom.sizing.Bottleneck;
import dev.headroom.sizing.Capacity;
import dev.headroom.sizing.CapacityAnalysis;
import dev.headroom.sizing.Decision;
import dev.headroom.sizing.Finding;
import dev.headroom.sizing.FindingCode;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.Plan;
import dev.headroom.sizing.Platform;
import dev.headroom.sizing.ScaleOut;
import dev.headroom.sizing.ServiceDemand;
import dev.headroom.sizing.Sizing;
import dev.headroom.sizing.SizingRequest;
import dev.headroom.sizing.TestBed;
import dev.headroom.sizing.Usl;
import dev.headroom.sizing.UslFitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A sizing written out by hand, as the sizer would produce it for a closed-model run of ten steps:
 * throughput from a USL with σ = 0.03, κ = 0.0004, λ = 100 req/s (rounded, as a measurement is),
 * latency by Little's law R = N/X with a tail, one invalid step, and figures left unmeasured.
 */
final class ReportFixtures {
    private ReportFixtures() {}

    static final double NM = Double.NaN;

    /** Text that would end a script element if it reached the page unescaped. */
    static final String BREAKOUT = "</script><script>alert(1)</script>";

    static final Usl USL = Usl.contention(0.03).coherency(0.0004).throughputPerUnit(100);

    static final UslFitResult FIT = new UslFitResult(USL, 9, 0.993, 5.1, false, false, 1, 64);

    static final SizingRequest.SloTarget SLO = new SizingRequest.SloTarget(NM, 0.060, 0.100, 0.01);

    /** The step whose p99 was not measured, and the invalid one. */
    static final int STEP_WITHOUT_P99 = 6;

    static final int INVALID_STEP = 10;

    static List<MeasuredStep> steps() {
        return List.of(
                step(1, 1, 100.0, 0.025, 0.040, 0.18, NM, 0.3, 0.0),
                step(2, 2, 194.0, 0.026, 0.041, 0.30, NM, 0.6, 0.0),
                step(3, 4, 365.4, 0.027, 0.044, 0.53, 0.15, 1.1, 0.0),
                step(4, 8, 649.1, 0.031, 0.049, 0.89, 0.26, 1.9, 0.0),
                step(5, 16, 1034.9, 0.039, 0.062, 1.40, 0.41, 3.1, 0.0),
                step(STEP_WITHOUT_P99, 24, 1256.0, 0.048, NM, 1.68, 0.50, 3.8, 0.0),
                step(7, 32, 1375.3, 0.058, 0.093, 1.84, 0.55, 4.1, 0.1),
                step(8, 48, 1449.1, 0.083, 0.132, 1.93, 0.58, 4.3, 0.8),
                step(9, 64, 1421.3, 0.113, 0.180, 1.95, 0.57, 4.3, 2.5),
                MeasuredStep.builder(INVALID_STEP)
                        .concurrency(96)
                        .throughputRps(1300.0)
                        .latencyP95Seconds(0.160)
                        .latencyP99Seconds(0.260)
                        .errorRatio(0.0)
                        .appCpuCores(1.90)
                        .dbCpuCores(0.52)
                        .appMemoryMib(410)
                        .validity(false, "injector sent 1,300 of 1,500 req/s " + BREAKOUT)
                        .build());
    }

    private static MeasuredStep step(
            int step,
            double concurrency,
            double throughputRps,
            double p95Seconds,
            double p99Seconds,
            double appCores,
            double dbCores,
            double poolActive,
            double poolPending) {
        return MeasuredStep.builder(step)
                .concurrency(concurrency)
                .throughputRps(throughputRps)
                .latencyP95Seconds(p95Seconds)
                .latencyP99Seconds(p99Seconds)
                .errorRatio(0.0)
                .appCpuCores(appCores)
                .dbCpuCores(dbCores)
                .poolActiveAvg(poolActive)
                .poolPendingAvg(poolPending)
                .connAcquireSeconds(0.0002)
                .connHoldSeconds(0.003)
                .appMemoryMib(380 + step * 3)
                .build();
    }

    static SizingRequest request(boolean withCurrentPlan) {
        SizingRequest.ScalingTimes times = new SizingRequest.ScalingTimes(15, 15, 60, 180, 20);
        return new SizingRequest(
                6000,
                1500,
                0.1,
                SLO,
                Platform.EKS,
                "eu-west-1",
                3,
                SizingRequest.FailureDomain.NODE,
                new SizingRequest.InstanceFilter(List.of(), List.of(), List.of()),
                new SizingRequest.TestHost(Optional.of("m6i.large"), NM),
                new SizingRequest.DatabaseRequest(List.of(), OptionalInt.empty(), 10, 0.7),
                new SizingRequest.ReplicaRequest(NM, NM, 0.2),
                times,
                withCurrentPlan
                        ? Optional.of(new SizingRequest.CurrentPlan(
                                Optional.of("m5.large"),
                                OptionalInt.of(2),
                                OptionalInt.of(4),
                                OptionalInt.of(20),
                                Optional.of("db.t3.medium"),
                                OptionalInt.empty(),
                                0.8,
                                OptionalInt.empty()))
                        : Optional.empty());
    }

    static Plan plan(
            String type, int replicasPerNode, int nodesForPeak, String dbClass, Plan.Cost cost, String... violations) {
        return Plan.builder()
                .platform(Platform.EKS)
                .capacityType(type)
                .replicaCpuCores(1.0)
                .replicaMemoryMib(1536)
                .replicasPerNode(replicasPerNode)
                .replicasPerNodeLimitedBy("cpu")
                .minReplicas(2)
                .replicasForPeak(7)
                .maxReplicas(9)
                .nodesMin(Math.max(1, 2 / replicasPerNode))
                .nodesForPeak(nodesForPeak)
                .nodesMax(nodesForPeak + 1)
                .cpuTargetUtilization(0.6)
                .poolSize(8)
                .dbClass(dbClass)
                .dbMaxConnections(1000)
                .connectionsNeeded((9 + 3) * 8 + 10)
                .sustainedUtilization(0.45)
                .cost(cost)
                .violations(List.of(violations))
                .reasons(Plan.Reasons.NONE)
                .build();
    }

    static List<Plan> plans() {
        return List.of(
                plan("c7g.xlarge", 3, 4, "db.r6g.xlarge", new Plan.Cost(423.4, 73, 350.4, 0)),
                plan("m7g.xlarge", 3, 4, "db.r6g.xlarge", new Plan.Cost(476.5, 73, 350.4, 0)),
                plan("m6i.xlarge", 3, 4, "db.r6i.xlarge", new Plan.Cost(560.6, 73, NM, 0)),
                plan(
                        "t3.large",
                        1,
                        10,
                        "db.r6g.xlarge",
                        new Plan.Cost(607.4, 73, 350.4, 120),
                        "burstable: would run at 62 % CPU, above its 30 % baseline"),
                plan(
                        "m7g.large",
                        1,
                        10,
                        "db.t4g.medium",
                        new Plan.Cost(595.7, 73, 47.5, 0),
                        "DB connections: 106 needed > 90 max_connections of db.t4g.medium",
                        "DB CPU: 71 % > 70 % target"));
    }

    static Plan currentPlan() {
        return Plan.builder()
                .platform(Platform.EKS)
                .capacityType("m5.large")
                .replicaCpuCores(1.0)
                .replicaMemoryMib(1536)
                .replicasPerNode(1)
                .replicasPerNodeLimitedBy("cpu")
                .minReplicas(2)
                .replicasForPeak(4)
                .maxReplicas(4)
                .nodesMin(2)
                .nodesForPeak(4)
                .nodesMax(4)
                .cpuTargetUtilization(0.8)
                .poolSize(20)
                .dbClass("db.t3.medium")
                .dbMaxConnections(400)
                .connectionsNeeded((4 + 1) * 20 + 10)
                .sustainedUtilization(0.7)
                .cost(new Plan.Cost(280.3, 73, 49.6, 0))
                .violations(List.of("carries 4,400 req/s within the SLO, short of the 6,000 req/s peak"))
                .reasons(Plan.Reasons.NONE)
                .build();
    }

    static List<Decision> decisions() {
        return List.of(
                Decision.named("capacity per replica")
                        .input("capacity_at_slo_rps", 1375.3)
                        .input("slo_p95_ms", 60.0)
                        .formula("the highest-throughput valid step within every part of the SLO")
                        .result("replica_capacity_rps", 1375.3)
                        .because("Step 7 met the SLO; step 8 missed p95."),
                Decision.named("cpu target")
                        .input("ceiling_utilization", 0.92)
                        .input("growth_per_minute", 0.1)
                        .input("lag_s", 110.0)
                        .formula("u_target · tol · (1 + g·lag/60) ≤ u_ceiling (kubernetes.io, HPA algorithm)")
                        .result("cpu_target_utilization", 0.6)
                        .because("The highest target whose headroom absorbs 10 %/min growth during the lag."),
                Decision.named("pool size")
                        .input("conn_hold_s", 0.003)
                        .input("conn_acquire_s", NM)
                        .formula("smallest c with Erlang C(c, λ·W) ≤ 0.05")
                        .result("pool_size", 8)
                        .because("Little's law gives 2.6 connections in use at the replica's peak rate."),
                Decision.notEvaluated(
                        "database CPU per request", "db_cpu_cores was not measured at any unsaturated step"));
    }

    /** In the sizer's order, which is not severity order: the report must sort them. */
    static List<Finding> findings() {
        return List.of(
                Finding.info(
                        FindingCode.EXTRAPOLATION_BEYOND_MEASURED,
                        "The USL curve beyond 64 requests in flight is extrapolated."),
                Finding.warning(FindingCode.INJECTOR_SATURATED, "Step 10 was invalid: " + BREAKOUT),
                Finding.error(
                        FindingCode.PLAN_CAPACITY_SHORT,
                        "The current plan carries 4,400 req/s | short of the 6,000 req/s peak."),
                Finding.warning(FindingCode.INPUT_NOT_MEASURED, "db_cpu_cores was not measured at steps 1 and 2."));
    }

    /** The full sizing: a USL fit, feasible and rejected plans, a current plan, findings. */
    static Sizing sizing() {
        List<MeasuredStep> steps = steps();
        Capacity capacity = CapacityAnalysis.analyze(steps, SLO);
        SizingRequest request = request(true);
        return new Sizing(
                request,
                new TestBed(
                        2.0,
                        12.5,
                        10,
                        "AMD EPYC 7B13",
                        "MariaDB 11.4.5",
                        200,
                        Optional.of(dev.headroom.sizing.Arch.X86_64)),
                steps,
                capacity,
                Optional.of(FIT),
                Optional.of(new ServiceDemand(0.0013, 0.05, 6, 0.98, "least squares U = U0 + X*D over 6 steps")),
                Optional.empty(),
                0.92,
                Optional.of(ScaleOut.of(Platform.EKS, request.scaling())),
                0.6,
                plans(),
                Optional.of(currentPlan()),
                decisions(),
                findings(),
                Bottleneck.diagnose(steps, capacity, TestBed.unknown()),
                Optional.empty());
    }

    /** What a sizing looks like when little worked: no fit, no feasible plan, no current plan. */
    static Sizing bare() {
        List<MeasuredStep> steps = steps().subList(0, 3);
        List<Plan> rejected = new ArrayList<>(plans().subList(3, 5));
        return new Sizing(
                request(false),
                TestBed.unknown(),
                steps,
                CapacityAnalysis.analyze(steps, SLO),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                NM,
                Optional.empty(),
                NM,
                rejected,
                Optional.empty(),
                List.of(),
                List.of(Finding.error(FindingCode.NO_FEASIBLE_PLAN, "No candidate plan met every constraint.")),
                new Bottleneck(List.of(), List.of(), List.of()),
                Optional.empty());
    }
}
