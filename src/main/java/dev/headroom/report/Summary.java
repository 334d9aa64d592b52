package dev.headroom.report;

import dev.headroom.sizing.Bottleneck;
import dev.headroom.sizing.Decision;
import dev.headroom.sizing.Finding;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.Plan;
import dev.headroom.sizing.Platform;
import dev.headroom.sizing.SearchCapacity;
import dev.headroom.sizing.SearchEnd;
import dev.headroom.sizing.ServiceDemand;
import dev.headroom.sizing.Sizing;
import dev.headroom.sizing.SizingRequest;
import dev.headroom.sizing.Usl;
import dev.headroom.sizing.UslFitResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The words both reports share, so the HTML page and the Markdown summary never disagree. */
final class Summary {
    private Summary() {}

    record Line(String label, String value) {}

    static String defaultTitle(Sizing sizing) {
        SizingRequest r = sizing.request();
        return "Headroom sizing: " + r.platform() + " in " + r.region()
                + (r.hasPeak() ? ", peak " + Figures.number(r.peakRps()) + " req/s" : ", no peak given");
    }

    /** Errors first, then warnings, then the rest; the sizer's order within a severity. */
    static List<Finding> errorsFirst(List<Finding> findings) {
        return findings.stream()
                .sorted(Comparator.comparing(Finding::severity).reversed())
                .toList();
    }

    /** "p95 ≤ 200 ms, p99 ≤ 500 ms, errors ≤ 1 %", the parts the request named. */
    static String slo(SizingRequest.SloTarget slo) {
        List<String> parts = new ArrayList<>();
        if (!Double.isNaN(slo.meanSeconds())) parts.add("mean ≤ " + Figures.ms(slo.meanSeconds()) + " ms");
        if (!Double.isNaN(slo.p95Seconds())) parts.add("p95 ≤ " + Figures.ms(slo.p95Seconds()) + " ms");
        if (!Double.isNaN(slo.p99Seconds())) parts.add("p99 ≤ " + Figures.ms(slo.p99Seconds()) + " ms");
        if (!Double.isNaN(slo.maxErrorRatio())) parts.add("errors ≤ " + Figures.percent(slo.maxErrorRatio()));
        return parts.isEmpty() ? "none given" : String.join(", ", parts);
    }

    static String capacityTypeLabel(Platform platform) {
        return switch (platform) {
            case EKS -> "Node instance type";
            case EC2_ASG -> "Instance type";
            case ECS_FARGATE -> "Task size";
        };
    }

    static String nodesLabel(Platform platform) {
        return switch (platform) {
            case EKS -> "Nodes";
            case EC2_ASG -> "Instances";
            case ECS_FARGATE -> "Tasks";
        };
    }

    static String nodes(Plan p) {
        return "min " + p.nodesMin() + ", peak " + p.nodesForPeak() + ", max " + p.nodesMax();
    }

    /**
     * The min can exceed what the peak needs (the spare that rides out a node's or a zone's loss, or
     * one per zone), and then more than the peak's count run at the peak: said, or "min 4, peak 3"
     * reads as a contradiction.
     */
    static String replicas(Plan p) {
        int spare = p.minReplicas() - p.replicasForPeak();
        return "min " + p.minReplicas() + ", peak " + p.replicasForPeak()
                + (spare > 0 ? " (the min keeps " + spare + " more running)" : "") + ", max " + p.maxReplicas();
    }

    static String cost(Plan.Cost c) {
        return Figures.total(c) + " per month (compute " + Figures.usd(c.computeUsdPerMonth())
                + ", control plane " + Figures.usd(c.controlPlaneUsdPerMonth()) + ", database "
                + Figures.usd(c.databaseUsdPerMonth()) + ", burst credits " + Figures.usd(c.burstCreditsUsdPerMonth())
                + (c.complete() ? ")" : "; some parts have no price)");
    }

    /** The recommended plan, line by line, in the order one would set it up. */
    static List<Line> recommendation(Plan p) {
        return List.of(
                new Line("Platform", p.platform().key()),
                new Line(capacityTypeLabel(p.platform()), p.capacityType()),
                new Line(nodesLabel(p.platform()), nodes(p)),
                new Line(
                        "Replicas",
                        replicas(p) + " (" + p.replicasPerNode() + " per node, limited by "
                                + p.replicasPerNodeLimitedBy() + ")"),
                new Line(
                        "Replica",
                        Figures.withUnit(p.replicaCpuCores(), "vCPU") + ", "
                                + Figures.withUnit(p.replicaMemoryMib(), "MiB")),
                new Line("CPU target", Figures.percent(p.cpuTargetUtilization())),
                new Line(
                        "Connection pool",
                        p.poolSize() + " per replica; " + connections(p) + " at max replicas plus rollout surge"),
                new Line("Database class", dbClass(p)),
                new Line("Monthly cost (at peak size all month)", cost(p.cost())));
    }

    /** The chosen class, or why there is none. */
    static String dbClass(Plan p) {
        if (!p.dbClass().isEmpty()) return p.dbClass();
        return p.feasible() ? "not chosen (database CPU not measured)" : "—";
    }

    /** "190 of 648 DB connections", or what the database must accept when no limit is known. */
    static String connections(Plan p) {
        return p.dbMaxConnections() > 0
                ? Figures.number(p.connectionsNeeded()) + " of " + Figures.number(p.dbMaxConnections())
                        + " DB connections"
                : Figures.number(p.connectionsNeeded()) + " DB connections (no max_connections known to check)";
    }

    /** "190 / 648", or "190 / —" when no limit is known. */
    static String connectionsShort(Plan p) {
        return Figures.number(p.connectionsNeeded()) + " / "
                + (p.dbMaxConnections() > 0 ? Figures.number(p.dbMaxConnections()) : "—");
    }

    /**
     * What limited the service, with its evidence: the first thing a reader needs, since it says
     * whether the plan's numbers rest on the service's own ceiling.
     */
    static List<Line> bottleneck(Sizing sizing) {
        Bottleneck b = sizing.bottleneck();
        List<Line> lines = new ArrayList<>();
        if (b.steps().isEmpty()) return List.of(new Line("Limit", "not evaluated: no valid step"));
        String where = b.steps().stream().map(s -> "step " + s.step()).collect(Collectors.joining(" and "));
        if (b.limits().isEmpty()) {
            lines.add(new Line("Limit", "nothing measured was saturated at " + where));
        } else {
            for (int i = 0; i < b.limits().size(); i++) {
                Bottleneck.Limit l = b.limits().get(i);
                lines.add(new Line(
                        (i == 0 ? "Limit at " + where : "Also saturated") + " ("
                                + l.resource().code() + ")",
                        l.evidence()));
            }
        }
        if (b.cpuNotTheLimit())
            lines.add(new Line(
                    "So",
                    "the service's CPU there is not its ceiling: the CPU target and the replica count rest on a"
                            + " lower bound; fix the limit and measure again"));
        if (!b.notJudged().isEmpty())
            lines.add(new Line("Not judged (not measured)", String.join(", ", b.notJudged())));
        return lines;
    }

    /** The pool and the database of the recommendation, each with why, and every class passed over. */
    static List<Line> poolAndDatabase(Plan p) {
        Plan.Reasons r = p.reasons();
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("Pool per replica", p.poolSize() + (r.poolBasis().isEmpty() ? "" : ": " + r.poolBasis())));
        lines.add(new Line(
                "Connections active at the peak (all replicas)",
                Double.isNaN(r.activeConnectionsAtPeak())
                        ? "not known (connection hold time not measured)"
                        : Figures.fixed(r.activeConnectionsAtPeak(), 1)
                                + (r.dbUsefulActiveConnections() > 0
                                        ? " against the " + r.dbUsefulActiveConnections() + " that " + p.dbClass()
                                                + "'s physical cores keep busy (cores × 2, HikariCP)"
                                                + (r.activeConnectionsAtPeak() > r.dbUsefulActiveConnections()
                                                        ? ": above it, see POOL_ABOVE_DB_CORES"
                                                        : ": within it")
                                        : "")));
        lines.add(new Line("Database class", dbClass(p) + (r.dbBasis().isEmpty() ? "" : ": " + r.dbBasis())));
        for (String rejected : r.dbRejected()) lines.add(new Line("Passed over", rejected));
        return lines;
    }

    /** The best plan on the test's own architecture, when the recommendation is on another. */
    static Optional<Line> sameArchitecture(Sizing sizing) {
        return sizing.sameArchitecturePlan()
                .map(p -> new Line(
                        "On the test's own architecture",
                        p.nodesForPeak() + " × " + p.capacityType() + ", replicas " + replicas(p) + ", "
                                + Figures.total(p.cost()) + " per month: no cross-architecture speed estimate"));
    }

    /** The capacity figures a reviewer checks first: measured, then modelled. */
    static List<Line> capacity(Sizing sizing) {
        LoadAxis axis = LoadAxis.of(sizing.steps());
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(
                "Peak to carry",
                sizing.request().hasPeak()
                        ? Figures.withUnit(sizing.request().peakRps(), "req/s")
                        : "not given: no plan is made"));
        lines.add(new Line("SLO", slo(sizing.request().slo())));
        lines.add(new Line(
                "Capacity at SLO (one replica, measured)",
                sizing.capacity()
                        .atSlo()
                        .map(s -> (sizing.capacity().searchLowerBound() ? "at least " : "")
                                + Figures.withUnit(s.throughputRps(), "req/s") + " at " + load(s, axis))
                        .orElse("no valid step met the SLO")));
        sizing.capacity().search().ifPresent(s -> lines.add(new Line("Capacity search", search(s))));
        lines.add(new Line(
                "Knee",
                sizing.capacity()
                        .knee()
                        .map(s -> load(s, axis) + ", " + Figures.withUnit(s.throughputRps(), "req/s"))
                        .orElse("not found: no plateau of throughput among the valid steps")));
        lines.add(new Line(
                "Max throughput (measured)", Figures.withUnit(sizing.capacity().maxThroughputRps(), "req/s")));
        lines.add(new Line("USL fit", sizing.usl().map(Summary::usl).orElse("not fitted")));
        sizing.usl().ifPresent(fit -> lines.add(new Line("USL peak", uslPeak(fit))));
        lines.add(new Line("Service CPU per request", demand(sizing.appDemand())));
        lines.add(new Line("Database CPU per request", demand(sizing.dbDemand())));
        lines.add(new Line("Service CPU at the SLO ceiling", Figures.percent(sizing.ceilingUtilization())));
        sizing.scaleOut().ifPresent(s -> lines.add(new Line("Scale-out lag", Figures.withUnit(s.lagSeconds(), "s"))));
        return lines;
    }

    /**
     * The search's answer as a rate offered, with its interval, or why it is a lower bound: "1 250
     * req/s offered, 3 full-length trials passed; 95 % interval 1 241 to below 1 275 req/s".
     */
    static String search(SearchCapacity s) {
        if (Double.isNaN(s.capacityOfferedRps())) return "no trial passed";
        String at = Figures.withUnit(s.capacityOfferedRps(), "req/s") + " offered, "
                + (s.confirmed()
                        ? s.fullLengthTrials() + " full-length trial" + (s.fullLengthTrials() == 1 ? "" : "s")
                                + " passed"
                        : "no full-length trial passed (unconfirmed)");
        String bracket = Double.isNaN(s.lowestFailingRps())
                ? "; no trial above it failed"
                : Double.isNaN(s.intervalLowRps())
                        ? "; lowest failing rate " + Figures.withUnit(s.lowestFailingRps(), "req/s")
                        : "; 95 % interval " + Figures.number(s.intervalLowRps()) + " to below "
                                + Figures.withUnit(s.intervalHighRps(), "req/s");
        String end = s.recordedEnd().map(e -> " (search " + e.jsonName() + ")").orElse("");
        String bound = s.lowerBound()
                ? "; a lower bound: "
                        + s.recordedEnd()
                                .filter(e -> e != SearchEnd.FOUND)
                                .map(SearchEnd::whyLowerBound)
                                .orElse("the trials do not bracket a confirmed capacity")
                : "";
        return at + bracket + end + bound;
    }

    static String load(MeasuredStep s, LoadAxis axis) {
        return Figures.withUnit(axis.of(s), axis.unit()) + " (step " + s.step() + ")";
    }

    static String usl(UslFitResult fit) {
        Usl m = fit.model();
        return "σ = " + Figures.parameter(m.sigma()) + ", κ = " + Figures.parameter(m.kappa()) + ", λ = "
                + Figures.withUnit(m.lambda(), "req/s") + ", R² = " + Figures.fixed(fit.rSquared(), 3) + " ("
                + fit.points() + " points, concurrency " + Figures.number(fit.measuredConcurrencyMin()) + " to "
                + Figures.number(fit.measuredConcurrencyMax()) + ")";
    }

    /** Where the model says throughput peaks, flagged when that lies outside what was measured. */
    static String uslPeak(UslFitResult fit) {
        Usl m = fit.model();
        double n = m.peakConcurrency();
        return Figures.withUnit(m.maxThroughput(), "req/s") + " at concurrency " + Figures.number(n)
                + (fit.isExtrapolation(n) ? " (extrapolated beyond the measured range)" : "");
    }

    /**
     * U0 is the line's constant term, not a measured idle: the reference service read 0.01 cores
     * idle and 0.03-0.04 at 25 req/s once warm (docs/sizing-model.md, "Demand below the knee").
     */
    static String demand(Optional<ServiceDemand> demand) {
        return demand.map(d -> Figures.ms(d.cpuSecondsPerRequest()) + " ms of CPU, plus "
                        + Figures.withUnit(d.backgroundCores(), "cores") + " a replica (" + d.method()
                        + (Double.isNaN(d.rSquared()) ? "" : ", R² = " + Figures.fixed(d.rSquared(), 3)) + ")")
                .orElse(Figures.NOT_MEASURED);
    }

    /** One line per decision: its result, or why it was not evaluated. */
    static String oneLiner(Decision d) {
        if (!d.evaluated()) return "not evaluated: " + d.reasoning();
        String result = d.result().entrySet().stream()
                .map(e -> e.getKey() + " = " + Figures.value(e.getValue()))
                .collect(Collectors.joining(", "));
        return result.isEmpty() ? d.reasoning() : result;
    }
}
