package dev.headroom.input;

import dev.headroom.yaml.InputFileException;
import dev.headroom.yaml.Problems;
import dev.headroom.yaml.YamlDocument;
import dev.headroom.yaml.YamlSection;
import dev.headroom.yaml.YamlSection.NumberRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a system file (YAML: services sharing node groups and databases, see {@code docs/systems.md}
 * and {@code scenarios/systems/}) into {@link SystemFields}: field by field, every problem with file,
 * line and dotted field, all reported at once, and the contradictions between its parts (a service
 * naming a database or node group that is not declared, pools that overflow the database even at the
 * minimum replicas) refused the same way. Self-contained: it depends on the YAML section reader and
 * {@link InputRanges} only; checks that need the catalog (type and class names) follow in {@code
 * SystemJob}.
 */
public final class SystemFile {
    /** Percent of a system-wide figure: a share of the peak, of the database work. */
    static final NumberRange PERCENT = NumberRange.from(0).upTo(100);

    static final NumberRange SHARE_PCT = NumberRange.above(0).upTo(100);
    static final int MAX_MILLICORES = 192_000;
    static final int MAX_MEMORY_MIB = 1_048_576;
    /** RDS for MySQL and PostgreSQL allow up to 15 read replicas per source (RDS User Guide, 2022-10-20). */
    static final int MAX_READ_REPLICAS = 15;

    private SystemFile() {}

    public static SystemFields read(Path file) {
        Problems problems = new Problems(file.toString());
        SystemFields fields =
                YamlDocument.open(file, problems).map(top -> read(top, file)).orElse(null);
        try {
            problems.throwIfAny();
        } catch (InputFileException e) {
            throw new InputException(e.problems().stream().map(Object::toString).toList());
        }
        return fields;
    }

    private static SystemFields read(YamlSection top, Path file) {
        SystemFields f = new SystemFields();
        f.source = file.toString();
        Path dir = file.toAbsolutePath().getParent();
        f.platform = top.text("platform", "eks or ecs-fargate", null);
        if (f.platform != null && !f.platform.equals("eks") && !f.platform.equals("ecs-fargate"))
            top.problemAt("platform", "must be eks or ecs-fargate, was " + f.platform);
        f.region = top.text("region", "an AWS region code such as us-east-1", "us-east-1");
        if (f.region == null) f.region = "us-east-1";
        f.regionLine = top.lineOfValue("region");
        f.prices = emptyToNull(top.text("prices", "a price table file, relative to this file", ""));
        f.availabilityZones = i(top.wholeNumber("availability_zones", 1, InputRanges.MAX_AVAILABILITY_ZONES, 3));
        f.survive = top.text("survive", "none, node or zone", "node");
        if (f.survive == null) f.survive = "node";
        else if (!List.of("none", "node", "zone").contains(f.survive))
            top.problemAt("survive", "must be none, node or zone, was " + f.survive);
        else if (f.survive.equals("zone") && f.availabilityZones < 2)
            top.problemAt("survive", "zone with availability_zones 1 rides out nothing: give 2 or more zones");
        f.growthPerMinutePct = n(top.number("growth_per_minute_pct", InputRanges.GROWTH_PER_MINUTE_PCT, Double.NaN));
        f.systemPeakRps = n(top.number("peak_rps", InputRanges.PEAK_RPS, Double.NaN));
        f.systemBaselineRps = n(top.number("baseline_rps", InputRanges.BASELINE_RPS, Double.NaN));
        if (f.systemBaselineRps > f.systemPeakRps) top.problemAt("baseline_rps", "is above peak_rps");
        YamlSection slo = top.section("slo", false, "mean_ms, p95_ms, p99_ms, error_ratio");
        f.sloMeanMs = n(slo.number("mean_ms", InputRanges.LATENCY_MS, Double.NaN));
        f.sloP95Ms = n(slo.number("p95_ms", InputRanges.LATENCY_MS, Double.NaN));
        f.sloP99Ms = n(slo.number("p99_ms", InputRanges.LATENCY_MS, Double.NaN));
        f.sloErrorRatio = n(slo.number("error_ratio", InputRanges.ERROR_RATIO, Double.NaN));
        if (f.sloP95Ms > f.sloP99Ms) slo.problemAt("p99_ms", "must be >= p95_ms (" + f.sloP95Ms + ")");
        slo.finish();
        YamlSection host = top.section("test_host", false, "equivalent_instance_type");
        f.testHostType = emptyToNull(host.text("equivalent_instance_type", "an EC2 instance type", ""));
        f.testHostTypeLine = host.lineOfValue("equivalent_instance_type");
        host.finish();

        YamlSection deploy = top.section("deployment", false, "strategy and max_surge_pct");
        f.strategy = deploy.text("strategy", "rolling or blue-green", "rolling");
        if (f.strategy == null) f.strategy = "rolling";
        else if (!List.of("rolling", "blue-green").contains(f.strategy))
            deploy.problemAt("strategy", "must be rolling or blue-green, was " + f.strategy);
        f.maxSurgePct = n(deploy.number("max_surge_pct", PERCENT, Double.NaN));
        if (f.strategy.equals("blue-green") && !Double.isNaN(f.maxSurgePct))
            deploy.problemAt("max_surge_pct", "is for rolling updates; blue/green runs a whole second set");
        deploy.finish();

        boolean eks = "eks".equals(f.platform);
        List<YamlSection> groups =
                eks ? top.sectionList("node_groups", true, "node groups: name, instance_types, daemonsets") : List.of();
        if (!eks && top.has("node_groups"))
            top.reject("node_groups", "node groups are for eks; on " + f.platform + " each task is its own capacity");
        Map<String, Integer> groupLines = new HashMap<>();
        for (YamlSection g : groups) {
            NodeGroupFields n = new NodeGroupFields();
            n.name = g.text("name", "a name for the node group", null);
            n.line = g.lineOfValue("name");
            n.instanceTypes = g.texts("instance_types", "an instance type such as t3.medium");
            n.instanceTypesLine = g.lineOfValue("instance_types");
            for (YamlSection d : g.sectionList("daemonsets", false, "name, cpu_millicores, memory_mib")) {
                DaemonFields df = new DaemonFields();
                df.name = d.text("name", "the DaemonSet's name", null);
                df.cpuMillicores = i(d.wholeNumber("cpu_millicores", 0, MAX_MILLICORES));
                df.memoryMib = i(d.wholeNumber("memory_mib", 0, MAX_MEMORY_MIB));
                df.source = d.text("source", "where the requests were read", "declared in " + file.getFileName());
                d.finish();
                n.daemonsets.add(df);
            }
            g.finish();
            if (n.name != null && groupLines.putIfAbsent(n.name, n.line) != null)
                g.problemAt(
                        "name", "node group " + n.name + " is declared twice; first on line " + groupLines.get(n.name));
            f.nodeGroups.add(n);
        }

        Map<String, DatabaseFields> dbs = new LinkedHashMap<>();
        for (YamlSection d : top.sectionList("databases", false, "databases: name, engine, multi_az, ...")) {
            DatabaseFields df = new DatabaseFields();
            df.name = d.text("name", "a name for the database", null);
            df.line = d.lineOfValue("name");
            df.engine = d.text("engine", "mysql or postgres", "mysql");
            if (df.engine == null) df.engine = "mysql";
            else if (!List.of("mysql", "postgres").contains(df.engine))
                d.problemAt("engine", "must be mysql or postgres, was " + df.engine);
            df.multiAz = bool(d, "multi_az");
            df.readReplicas = i(d.wholeNumber("read_replicas", 0, MAX_READ_REPLICAS, 0));
            df.reserved = i(d.wholeNumber("reserved_connections", 0, InputRanges.MAX_CONNECTIONS, 0));
            df.maxConnections = i(d.wholeNumber("max_connections", 1, InputRanges.MAX_CONNECTIONS, 0));
            df.maxConnectionsLine = d.lineOfValue("max_connections");
            df.classes = d.texts("classes", "an RDS class such as db.t3.small");
            df.classesLine = d.lineOfValue("classes");
            df.targetPct = n(d.number("target_cpu_utilization_pct", InputRanges.CPU_TARGET_PCT, Double.NaN));
            d.finish();
            if (df.name != null && dbs.putIfAbsent(df.name, df) != null)
                d.problemAt(
                        "name", "database " + df.name + " is declared twice; first on line " + dbs.get(df.name).line);
        }
        f.databases.addAll(dbs.values());

        double shareSum = 0;
        Map<String, Integer> serviceLines = new HashMap<>();
        List<YamlSection> services =
                top.sectionList("services", true, "services: name, run, peak_rps or share_pct, ...");
        for (YamlSection s : services) {
            ServiceFields sf = new ServiceFields();
            sf.field = s.field("");
            sf.field = sf.field.endsWith(".") ? sf.field.substring(0, sf.field.length() - 1) : sf.field;
            sf.name = s.text("name", "a DNS-1123 label such as orders", null);
            sf.line = s.lineOfValue("name");
            if (sf.name != null && !sf.name.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"))
                s.problemAt("name", "must be a DNS-1123 label (lower-case letters, digits, '-'), was " + sf.name);
            if (sf.name != null && serviceLines.putIfAbsent(sf.name, sf.line) != null)
                s.problemAt(
                        "name",
                        "service " + sf.name + " is declared twice; first on line " + serviceLines.get(sf.name));
            String run = s.text("run", "a run directory or a steps.csv, relative to this file", null);
            if (run != null) {
                Path p = dir.resolve(run).normalize();
                Path csv = Files.isDirectory(p) ? p.resolve("steps.csv") : p;
                if (!Files.isRegularFile(csv)) s.problemAt("run", "no steps.csv at " + csv);
                sf.steps = csv;
            }
            sf.peakRps = n(s.number("peak_rps", InputRanges.PEAK_RPS, Double.NaN));
            sf.sharePct = n(s.number("share_pct", SHARE_PCT, Double.NaN));
            sf.baselineRps = n(s.number("baseline_rps", InputRanges.BASELINE_RPS, Double.NaN));
            if (!Double.isNaN(sf.peakRps) && !Double.isNaN(sf.sharePct))
                s.problemAt("share_pct", "give peak_rps or share_pct, not both: they would contradict each other");
            else if (Double.isNaN(sf.peakRps) && Double.isNaN(sf.sharePct) && s.readable())
                s.problemHere("needs peak_rps, or share_pct of the system's peak_rps");
            else if (!Double.isNaN(sf.sharePct) && Double.isNaN(f.systemPeakRps))
                s.problemAt("share_pct", "is a share of the system's peak_rps, which is not given");
            if (!Double.isNaN(sf.sharePct)) {
                shareSum += sf.sharePct;
                sf.peakRps = f.systemPeakRps * sf.sharePct / 100;
                if (Double.isNaN(sf.baselineRps) && !Double.isNaN(f.systemBaselineRps))
                    sf.baselineRps = f.systemBaselineRps * sf.sharePct / 100;
            }
            if (sf.baselineRps > sf.peakRps) s.problemAt("baseline_rps", "is above the service's peak " + sf.peakRps);
            sf.poolSize = i(s.wholeNumber("pool_size", 1, InputRanges.MAX_CONNECTIONS, 0));
            sf.poolLine = s.lineOfValue("pool_size");
            sf.minReplicas = i(s.wholeNumber("min_replicas", 1, InputRanges.MAX_REPLICAS, 0));
            sf.maxReplicas = i(s.wholeNumber("max_replicas", 1, InputRanges.MAX_REPLICAS, 0));
            if (sf.minReplicas > 0 && sf.maxReplicas > 0 && sf.minReplicas > sf.maxReplicas)
                s.problemAt("max_replicas", "must be >= min_replicas (" + sf.minReplicas + ")");
            sf.cpuCores = n(s.number("cpu_cores", InputRanges.REPLICA_CPU_CORES, Double.NaN));
            sf.memoryMib = n(s.number("memory_mib", InputRanges.REPLICA_MEMORY_MIB, Double.NaN));
            sf.serviceStartS = n(s.number("service_start_s", InputRanges.SCALING_DELAY_S, Double.NaN));
            for (YamlSection c : s.sectionList("sidecars", false, "name, cpu_millicores, memory_mib")) {
                DaemonFields side = new DaemonFields();
                side.name = c.text("name", "the sidecar's name", null);
                side.cpuMillicores = i(c.wholeNumber("cpu_millicores", 0, MAX_MILLICORES));
                side.memoryMib = i(c.wholeNumber("memory_mib", 0, MAX_MEMORY_MIB));
                side.source = c.text("source", "where the requests were read", "declared");
                c.finish();
                sf.sidecars.add(side);
            }
            sf.database = emptyToNull(s.text("database", "the name of a database declared above", ""));
            if (sf.database != null && !dbs.containsKey(sf.database))
                s.problemAt(
                        "database",
                        "no database named " + sf.database + " is declared; declared: "
                                + (dbs.isEmpty() ? "none" : String.join(", ", dbs.keySet())));
            sf.readSharePct = n(s.number("read_share_pct", PERCENT, Double.NaN));
            if (!Double.isNaN(sf.readSharePct) && sf.database == null)
                s.problemAt("read_share_pct", "is a share of the database work, and the service names no database");
            sf.nodeGroup = emptyToNull(s.text("node_group", "the name of a node group declared above", ""));
            if (!eks && sf.nodeGroup != null)
                s.problemAt("node_group", "node groups are for eks, the platform is " + f.platform);
            if (eks && sf.nodeGroup == null && f.nodeGroups.size() == 1) sf.nodeGroup = f.nodeGroups.get(0).name;
            else if (eks && sf.nodeGroup == null && f.nodeGroups.size() > 1)
                s.problemHere("name its node_group: the system declares " + f.nodeGroups.size());
            else if (eks && sf.nodeGroup != null && !groupLines.containsKey(sf.nodeGroup))
                s.problemAt(
                        "node_group",
                        "no node group named " + sf.nodeGroup + " is declared; declared: "
                                + String.join(", ", groupLines.keySet()));
            s.finish();
            sf.section = s;
            f.services.add(sf);
        }
        if (shareSum > 100 + 1e-9)
            top.problemAt("services", String.format("share_pct adds up to %.4g %%, above 100", shareSum));
        for (DatabaseFields db : dbs.values()) checkPoolsAtMin(f, db);
        top.finish();
        return f;
    }

    /**
     * A database declared with max_connections that the services' pools overflow at their minimum
     * replicas: no autoscaling setting can fix that, so the file contradicts itself.
     */
    private static void checkPoolsAtMin(SystemFields f, DatabaseFields db) {
        if (db.maxConnections <= 0) return;
        int atMin = db.reserved;
        List<ServiceFields> users = new ArrayList<>();
        for (ServiceFields s : f.services) {
            if (!db.name.equals(s.database) || s.poolSize <= 0) continue;
            atMin += Math.max(1, s.minReplicas) * s.poolSize;
            users.add(s);
        }
        if (atMin <= db.maxConnections) return;
        String what = String.join(
                        " + ",
                        users.stream()
                                .map(s -> s.name + " " + Math.max(1, s.minReplicas) + " x " + s.poolSize)
                                .toList())
                + " + " + db.reserved + " reserved = " + atMin;
        for (ServiceFields s : users)
            s.section.problemAt(
                    "pool_size",
                    "the pools of database " + db.name + " need " + what + " connections even at min replicas, more"
                            + " than its max_connections " + db.maxConnections + " (line " + db.maxConnectionsLine
                            + "): smaller pools, fewer minimum replicas or RDS Proxy");
    }

    /** A bad value was reported and reads as null: carry on as "not given" to find the next problem. */
    private static double n(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static int i(Integer v) {
        return v == null ? 0 : v;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static boolean bool(YamlSection s, String key) {
        String v = s.text(key, "true or false", "false");
        if (v.equals("true")) return true;
        if (!v.equals("false")) s.problemAt(key, "must be true or false, was " + v);
        return false;
    }

    /** The system as written; NaN, 0 and null mean "not given". */
    public static final class SystemFields {
        public String source = "";
        public String platform, region, prices, survive, strategy, testHostType;
        public int regionLine, testHostTypeLine, availabilityZones;
        public double growthPerMinutePct, systemPeakRps, systemBaselineRps, maxSurgePct;
        public double sloMeanMs, sloP95Ms, sloP99Ms, sloErrorRatio;
        public final List<NodeGroupFields> nodeGroups = new ArrayList<>();
        public final List<DatabaseFields> databases = new ArrayList<>();
        public final List<ServiceFields> services = new ArrayList<>();
    }

    public static final class NodeGroupFields {
        public String name;
        public int line, instanceTypesLine;
        public List<String> instanceTypes = List.of();
        public final List<DaemonFields> daemonsets = new ArrayList<>();
    }

    /** A DaemonSet pod or a sidecar container: its requests. */
    public static final class DaemonFields {
        public String name, source;
        public int cpuMillicores, memoryMib;
    }

    public static final class DatabaseFields {
        public String name, engine;
        public int line, readReplicas, reserved, maxConnections, maxConnectionsLine, classesLine;
        public boolean multiAz;
        public List<String> classes = List.of();
        public double targetPct;
    }

    public static final class ServiceFields {
        public String name, database, nodeGroup;
        /** The service's dotted path in the file, {@code services[2]}, for problems found later. */
        public String field = "";

        public Path steps;
        public int line, poolSize, poolLine, minReplicas, maxReplicas;
        public double peakRps, sharePct, baselineRps, cpuCores, memoryMib, serviceStartS, readSharePct;
        public final List<DaemonFields> sidecars = new ArrayList<>();
        YamlSection section;
    }
}
