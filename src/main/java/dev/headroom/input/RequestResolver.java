package dev.headroom.input;

import dev.headroom.sizing.DbClassCatalog;
import dev.headroom.sizing.InstanceCatalog;
import dev.headroom.sizing.NearMatches;
import dev.headroom.sizing.Platform;
import dev.headroom.sizing.Regions;
import dev.headroom.sizing.SizingRequest;
import dev.headroom.sizing.SizingRequest.FailureDomain;
import dev.headroom.sizing.TestBed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns the request as written (file, then command-line flags over it, then what the run itself
 * recorded) into a {@link SizingRequest}, checking names against the catalog. Every default is
 * named here with its source, so the reasoning can say where a number came from.
 */
public final class RequestResolver {
    /** metrics-server's resolution in its shipped manifests, and the HPA's sync period (capacity-facts.md). */
    public static final double METRIC_INTERVAL_S = 15, CONTROLLER_SYNC_S = 15;
    /** Target tracking scales out after 3 datapoints in 3 minutes (observed, not documented: capacity-facts.md). */
    public static final double ALARM_S = 180;
    /**
     * Time for a new EC2 node or instance to join and take work. Not measured by Headroom and not
     * published by AWS: an assumption, printed in the autoscaling reasoning; set scaling.node_start_s.
     */
    public static final double NODE_START_S = 120;
    /**
     * Start-up to ready of a Spring Boot service when the run did not measure it: Spring Petclinic's
     * 6.3 s from container start to first HTTP 200 (blog.rasc.ch, 2026; capacity-facts.md).
     */
    public static final double SERVICE_START_S = 6.3;
    /** AWS Compute Optimizer's default headroom, 20 % (capacity-facts.md): DB CPU target 80 %, max replicas +20 %. */
    public static final double COMPUTE_OPTIMIZER_HEADROOM = 0.20;
    /** A policy default, not a measurement: load may grow 10 % a minute. Set growth_per_minute_pct. */
    public static final double GROWTH_PER_MINUTE = 0.10;

    private RequestResolver() {}

    /** The command line's overrides of the request file. */
    public record Overrides(
            Optional<String> platform,
            Optional<String> region,
            double peakRps,
            double sloP95Ms,
            Optional<PlanFile.PlanFields> currentPlan) {}

    public static SizingRequest resolve(
            RequestFile.RequestFields f,
            Overrides o,
            RunRecord run,
            InstanceCatalog instances,
            DbClassCatalog dbClasses) {
        List<String> problems = new ArrayList<>();
        String src = f.source.isEmpty() ? "request" : f.source;

        double peak = !Double.isNaN(o.peakRps()) ? o.peakRps() : f.peakRps;
        if (Double.isNaN(peak) && !Double.isNaN(f.peakUsers)) {
            // Response-time law X = N / (R + Z) (Denning and Buzen): with R >= 0, N / Z is the most the
            // users can ask for, so sizing for it is safe.
            peak = f.peakUsers / f.thinkTimeSeconds;
        }
        // No peak stays NaN: the capacity can be measured without one; plans cannot, and the sizer says so.
        if (!Double.isNaN(f.baselineRps) && !Double.isNaN(peak) && f.baselineRps > peak)
            problems.add(src + ": baseline_rps: " + f.baselineRps + " is above the peak (" + peak + ")");

        double p95 = !Double.isNaN(o.sloP95Ms()) ? o.sloP95Ms() : or(f.sloP95Ms, run.sloP95Ms());
        double p99 = or(f.sloP99Ms, run.sloP99Ms());
        double err = or(f.sloErrorRatio, run.sloErrorRatio());
        if (!Double.isNaN(p95) && !Double.isNaN(p99) && p95 > p99)
            problems.add(src + ": slo: p95 " + p95 + " ms is above p99 " + p99 + " ms; a contradiction");

        String platformKey = o.platform().orElse(f.platform == null ? "eks" : f.platform);
        Optional<Platform> platform = Platform.byKey(platformKey);
        if (platform.isEmpty())
            problems.add(src + ": platform: '" + platformKey + "' is not one of eks, ec2-asg, ecs-fargate");
        String region = o.region().orElse(f.region == null ? "us-east-1" : f.region);
        if (!Regions.isKnown(region))
            problems.add(src + ": region: '" + region + "' is not an AWS region"
                    + NearMatches.hint(region, Regions.codes()));

        for (String t : f.types) checkType(problems, src, f.typesLine, "instances.types", t, instances);
        for (String fam : f.families)
            if (!instances.families().contains(fam))
                problems.add(src + ": instances.families: '" + fam + "' is not a family in the catalog"
                        + NearMatches.hint(fam, instances.families()));
        for (String a : f.architectures)
            if (!List.of("x86_64", "arm64").contains(a))
                problems.add(src + ": instances.architectures: '" + a + "' is not x86_64 or arm64");
        if (f.testHostType != null)
            checkType(
                    problems, src, f.testHostTypeLine, "test_host.equivalent_instance_type", f.testHostType, instances);
        for (String c : f.dbClasses) checkDb(problems, src, f.dbClassesLine, "database.classes", c, dbClasses);

        SizingRequest.CurrentPlan plan = null;
        PlanFile.PlanFields pf = o.currentPlan().orElse(f.currentPlan);
        if (pf != null) {
            String psrc = pf.source.isEmpty() ? src : pf.source;
            if (pf.instanceType != null)
                checkType(problems, psrc, pf.instanceTypeLine, "instance_type", pf.instanceType, instances);
            if (pf.dbClass != null) checkDb(problems, psrc, pf.dbClassLine, "db_class", pf.dbClass, dbClasses);
            plan = new SizingRequest.CurrentPlan(
                    Optional.ofNullable(pf.instanceType),
                    positive(pf.minReplicas),
                    positive(pf.maxReplicas),
                    positive(pf.poolSize),
                    Optional.ofNullable(pf.dbClass),
                    positive(pf.dbMaxConnections),
                    Double.isNaN(pf.cpuTargetPct) ? 0.80 : pf.cpuTargetPct / 100,
                    positive(pf.nodes));
        }
        FailureDomain survive = FailureDomain.NODE;
        if (f.survive != null) {
            try {
                survive = FailureDomain.valueOf(f.survive.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(src + ": survive: '" + f.survive + "' is not none, node or zone");
            }
        }
        if (survive == FailureDomain.ZONE && f.availabilityZones == 1)
            problems.add(src + ": survive: zone with availability_zones 1 rides out nothing (no other zone is"
                    + " left); give availability_zones 2 or more, or survive: node");
        if (!problems.isEmpty()) throw new InputException(problems);

        double start = or(f.serviceStartS, run.testBed().serviceStartSeconds());
        return new SizingRequest(
                peak,
                f.baselineRps,
                Double.isNaN(f.growthPerMinutePct) ? GROWTH_PER_MINUTE : f.growthPerMinutePct / 100,
                new SizingRequest.SloTarget(f.sloMeanMs / 1000, p95 / 1000, p99 / 1000, err),
                platform.get(),
                region,
                f.availabilityZones > 0 ? f.availabilityZones : 3,
                survive,
                new SizingRequest.InstanceFilter(f.families, f.architectures, f.types),
                new SizingRequest.TestHost(Optional.ofNullable(f.testHostType), f.testHostCoremark),
                new SizingRequest.DatabaseRequest(
                        f.dbClasses,
                        f.dbMaxConnections > 0 ? OptionalInt.of(f.dbMaxConnections) : OptionalInt.empty(),
                        f.dbReserved,
                        Double.isNaN(f.dbTargetPct) ? 1 - COMPUTE_OPTIMIZER_HEADROOM : f.dbTargetPct / 100),
                new SizingRequest.ReplicaRequest(
                        f.replicaCpu,
                        f.replicaMemoryMib,
                        Double.isNaN(f.maxHeadroomPct) ? COMPUTE_OPTIMIZER_HEADROOM : f.maxHeadroomPct / 100),
                new SizingRequest.ScalingTimes(
                        or(f.metricIntervalS, METRIC_INTERVAL_S),
                        or(f.controllerSyncS, CONTROLLER_SYNC_S),
                        or(f.nodeStartS, NODE_START_S),
                        or(f.alarmS, ALARM_S),
                        Double.isNaN(start) ? SERVICE_START_S : start),
                Optional.ofNullable(plan));
    }

    /** The test bed, with the whole declared host as the budget when the run recorded none. */
    public static TestBed testBed(RunRecord run, RequestFile.RequestFields f, InstanceCatalog instances) {
        TestBed bed = run.testBed();
        if (Double.isNaN(bed.serviceCpuCores()) && f.testHostType != null) {
            return bed.withServiceCpuCores(instances.byName(f.testHostType).vcpus());
        }
        return bed;
    }

    private static void checkType(
            List<String> problems, String src, int line, String field, String name, InstanceCatalog c) {
        if (c.find(name).isEmpty())
            problems.add(src + (line > 0 ? ":" + line : "") + ": " + field + ": '" + name
                    + "' is not an instance type in the catalog" + NearMatches.hint(name, c.names()));
    }

    private static void checkDb(
            List<String> problems, String src, int line, String field, String name, DbClassCatalog c) {
        if (c.find(name).isEmpty())
            problems.add(src + (line > 0 ? ":" + line : "") + ": " + field + ": '" + name
                    + "' is not an RDS for MySQL class in the catalog" + NearMatches.hint(name, c.names()));
    }

    private static OptionalInt positive(Integer v) {
        return v != null && v > 0 ? OptionalInt.of(v) : OptionalInt.empty();
    }

    private static double or(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }
}
