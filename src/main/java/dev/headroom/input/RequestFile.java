package dev.headroom.input;

import dev.headroom.yaml.InputFileException;
import dev.headroom.yaml.Problems;
import dev.headroom.yaml.YamlDocument;
import dev.headroom.yaml.YamlSection;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads a sizing request YAML file into {@link RequestFields}: field by field, every problem with
 * file, line and dotted field, all reported at once. What the fields mean is in
 * {@code scenarios/sizing/README.md}; checks that need the catalog (instance type, region, DB
 * class names) follow in {@link RequestResolver}.
 */
public final class RequestFile {
    private RequestFile() {}

    public static RequestFields read(Path file) {
        Problems problems = new Problems(file.toString());
        Optional<YamlSection> root = YamlDocument.open(file, problems);
        RequestFields fields = root.map(r -> read(r, file)).orElse(null);
        try {
            problems.throwIfAny();
        } catch (InputFileException e) {
            throw new InputException(e.problems().stream().map(Object::toString).toList());
        }
        return fields;
    }

    private static RequestFields read(YamlSection top, Path file) {
        RequestFields f = new RequestFields();
        f.source = file.toString();
        YamlSection peak = top.section("peak", false, "the peak load: rps, or users and think_time_s");
        f.peakRps = n(peak.number("rps", InputRanges.PEAK_RPS, Double.NaN));
        f.peakUsers = n(peak.number("users", InputRanges.USERS, Double.NaN));
        f.thinkTimeSeconds = n(peak.number("think_time_s", InputRanges.THINK_TIME_S, Double.NaN));
        if (!Double.isNaN(f.peakRps) && !Double.isNaN(f.peakUsers))
            peak.problemAt("users", "give rps or users, not both: they would contradict each other");
        if (!Double.isNaN(f.peakUsers) && Double.isNaN(f.thinkTimeSeconds))
            peak.problemAt("users", "users need think_time_s (seconds a user waits between requests)");
        if (f.peakUsers / f.thinkTimeSeconds > InputRanges.MAX_RPS)
            peak.problemAt(
                    "users",
                    String.format(
                            "users / think_time_s is %.4g req/s; the peak it gives must be %s",
                            f.peakUsers / f.thinkTimeSeconds, InputRanges.PEAK_RPS.describe()));
        peak.finish();
        f.baselineRps = n(top.number("baseline_rps", InputRanges.BASELINE_RPS, Double.NaN));
        f.growthPerMinutePct = n(top.number("growth_per_minute_pct", InputRanges.GROWTH_PER_MINUTE_PCT, Double.NaN));
        YamlSection slo = top.section("slo", false, "mean_ms, p95_ms, p99_ms, error_ratio");
        f.sloMeanMs = n(slo.number("mean_ms", InputRanges.LATENCY_MS, Double.NaN));
        f.sloP95Ms = n(slo.number("p95_ms", InputRanges.LATENCY_MS, Double.NaN));
        f.sloP99Ms = n(slo.number("p99_ms", InputRanges.LATENCY_MS, Double.NaN));
        f.sloErrorRatio = n(slo.number("error_ratio", InputRanges.ERROR_RATIO, Double.NaN));
        if (f.sloP95Ms > f.sloP99Ms) slo.problemAt("p99_ms", "must be >= p95_ms (" + f.sloP95Ms + ")");
        slo.finish();
        f.platform = emptyToNull(top.text("platform", "eks, ec2-asg or ecs-fargate", ""));
        f.region = emptyToNull(top.text("region", "an AWS region code such as us-east-1", ""));
        f.prices = emptyToNull(top.text("prices", "a price table file, relative to this file", ""));
        f.availabilityZones = i(top.wholeNumber("availability_zones", 1, InputRanges.MAX_AVAILABILITY_ZONES, 0));
        f.survive = emptyToNull(top.text("survive", "none, node or zone", ""));
        YamlSection inst = top.section("instances", false, "families, architectures, types");
        f.families = inst.texts("families", "an instance family such as m7g");
        f.architectures = inst.texts("architectures", "x86_64 or arm64");
        f.types = inst.texts("types", "an instance type such as m7g.large");
        f.typesLine = inst.lineOfValue("types");
        inst.finish();
        YamlSection host = top.section("test_host", false, "equivalent_instance_type or coremark_per_vcpu");
        f.testHostType = emptyToNull(host.text("equivalent_instance_type", "an EC2 instance type", ""));
        f.testHostTypeLine = host.lineOfValue("equivalent_instance_type");
        f.testHostCoremark = n(host.number("coremark_per_vcpu", InputRanges.COREMARK_PER_VCPU, Double.NaN));
        if (f.testHostType != null && !Double.isNaN(f.testHostCoremark))
            host.problemAt("coremark_per_vcpu", "give equivalent_instance_type or coremark_per_vcpu, not both");
        host.finish();
        YamlSection db = top.section("database", false, "classes, max_connections, reserved_connections");
        f.dbClasses = db.texts("classes", "an RDS class such as db.m6g.large");
        f.dbClassesLine = db.lineOfValue("classes");
        f.dbMaxConnections = i(db.wholeNumber("max_connections", 1, InputRanges.MAX_CONNECTIONS, 0));
        f.dbReserved = i(db.wholeNumber("reserved_connections", 0, InputRanges.MAX_CONNECTIONS, 0));
        f.dbTargetPct = n(db.number("target_cpu_utilization_pct", InputRanges.CPU_TARGET_PCT, Double.NaN));
        db.finish();
        YamlSection replica = top.section("replica", false, "cpu_cores, memory_mib, max_headroom_pct");
        f.replicaCpu = n(replica.number("cpu_cores", InputRanges.REPLICA_CPU_CORES, Double.NaN));
        f.replicaMemoryMib = n(replica.number("memory_mib", InputRanges.REPLICA_MEMORY_MIB, Double.NaN));
        f.maxHeadroomPct = n(replica.number("max_headroom_pct", InputRanges.HEADROOM_PCT, Double.NaN));
        replica.finish();
        YamlSection scaling = top.section("scaling", false, "the delays of scale-out, in seconds");
        f.metricIntervalS = n(scaling.number("metric_interval_s", InputRanges.SCALING_DELAY_S, Double.NaN));
        f.controllerSyncS = n(scaling.number("controller_sync_s", InputRanges.SCALING_DELAY_S, Double.NaN));
        f.nodeStartS = n(scaling.number("node_start_s", InputRanges.SCALING_DELAY_S, Double.NaN));
        f.alarmS = n(scaling.number("alarm_s", InputRanges.SCALING_DELAY_S, Double.NaN));
        f.serviceStartS = n(scaling.number("service_start_s", InputRanges.SCALING_DELAY_S, Double.NaN));
        scaling.finish();
        if (top.has("current_plan")) {
            YamlSection plan = top.section("current_plan", false, "the plan to check");
            f.currentPlan = PlanFile.read(plan, file.toString());
        }
        top.finish();
        return f;
    }

    /** A bad value was reported and reads as null: carry on as "not given" to find the next problem. */
    static double n(Double d) {
        return d == null ? Double.NaN : d;
    }

    static int i(Integer v) {
        return v == null ? 0 : v;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The catalog-independent fields as written; NaN, 0 and null mean "not given". */
    public static final class RequestFields {
        String source = "";
        double peakRps = Double.NaN, peakUsers = Double.NaN, thinkTimeSeconds = Double.NaN;
        double baselineRps = Double.NaN, growthPerMinutePct = Double.NaN;
        double sloMeanMs = Double.NaN, sloP95Ms = Double.NaN, sloP99Ms = Double.NaN, sloErrorRatio = Double.NaN;
        String platform, region, prices, survive;
        int availabilityZones;
        List<String> families = List.of(), architectures = List.of(), types = List.of(), dbClasses = List.of();
        int typesLine, dbClassesLine, testHostTypeLine;
        String testHostType;
        double testHostCoremark = Double.NaN;
        int dbMaxConnections, dbReserved;
        double dbTargetPct = Double.NaN;
        double replicaCpu = Double.NaN, replicaMemoryMib = Double.NaN, maxHeadroomPct = Double.NaN;
        double metricIntervalS = Double.NaN, controllerSyncS = Double.NaN, nodeStartS = Double.NaN;
        double alarmS = Double.NaN, serviceStartS = Double.NaN;
        PlanFile.PlanFields currentPlan;

        /** The request file as given, empty without one. */
        public String source() {
            return source;
        }

        /** The price file the request names, or null. */
        public String prices() {
            return prices;
        }

        /** Whether a peak is given ({@code peak.rps}, or {@code peak.users}): a plan is asked for. */
        public boolean asksForPlan() {
            return !Double.isNaN(peakRps) || !Double.isNaN(peakUsers);
        }

        /** {@code replica.memory_mib}, NaN when not given. */
        public double replicaMemoryMib() {
            return replicaMemoryMib;
        }

        /** {@code test_host.equivalent_instance_type}, or null: whose vCPUs stand in for an unknown CPU budget. */
        public String testHostType() {
            return testHostType;
        }
    }
}
