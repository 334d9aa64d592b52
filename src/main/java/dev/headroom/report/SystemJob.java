package dev.headroom.report;

import dev.headroom.input.CatalogFiles;
import dev.headroom.input.InputException;
import dev.headroom.input.InputRanges;
import dev.headroom.input.PriceFiles;
import dev.headroom.input.RequestResolver;
import dev.headroom.input.RunRecord;
import dev.headroom.input.StepsTable;
import dev.headroom.input.SystemFile;
import dev.headroom.input.SystemFile.DatabaseFields;
import dev.headroom.input.SystemFile.ServiceFields;
import dev.headroom.input.SystemFile.SystemFields;
import dev.headroom.input.SystemPrices;
import dev.headroom.sizing.DaemonOverhead;
import dev.headroom.sizing.DbClass;
import dev.headroom.sizing.DbClassCatalog;
import dev.headroom.sizing.InstanceCatalog;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.NearMatches;
import dev.headroom.sizing.Platform;
import dev.headroom.sizing.PriceTable;
import dev.headroom.sizing.Regions;
import dev.headroom.sizing.SizingRequest;
import dev.headroom.sizing.TestBed;
import dev.headroom.sizing.system.Engine;
import dev.headroom.sizing.system.PostgresMaxConnections;
import dev.headroom.sizing.system.RdsPrices;
import dev.headroom.sizing.system.SystemSizer;
import dev.headroom.sizing.system.SystemSizing;
import dev.headroom.sizing.system.SystemSpec;
import dev.headroom.yaml.InputFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One system sizing, from a system file to its outputs: the file is read and checked, every service's
 * run is read, names are checked against the catalog, and only then is anything sized or written
 * ({@link SystemOutputs}), so bad input writes nothing.
 */
public final class SystemJob {
    /** The DB CPU target when the file gives none: AWS Compute Optimizer's 20 % headroom (capacity-facts.md). */
    static final double DB_TARGET = 1 - RequestResolver.COMPUTE_OPTIMIZER_HEADROOM;

    public record Outcome(SystemSizing sizing, Path outDir, List<Path> written) {}

    private SystemJob() {}

    public static Outcome run(Path file, Optional<Path> out) {
        SystemFields f = SystemFile.read(file);
        InstanceCatalog instances = CatalogFiles.instances();
        DbClassCatalog dbClasses = CatalogFiles.dbClasses();
        SystemSpec spec = resolve(f, instances, dbClasses);
        PriceTable prices = prices(f, instances, dbClasses);
        RdsPrices rds = SystemPrices.rds(f.region);
        SystemSizing sizing = new SystemSizer(instances, dbClasses, prices, rds).size(spec);
        Path dir = out.orElse(file.toAbsolutePath().getParent());
        return new Outcome(sizing, dir, SystemOutputs.write(sizing, dir, file.toString()));
    }

    static SystemSpec resolve(SystemFields f, InstanceCatalog instances, DbClassCatalog dbClasses) {
        List<String> problems = new ArrayList<>();
        String src = f.source;
        if (!Regions.isKnown(f.region))
            problems.add(InputException.at(
                    src,
                    f.regionLine,
                    "region",
                    "'" + f.region + "' is not an AWS region" + NearMatches.hint(f.region, Regions.codes())));
        if (f.testHostType != null && instances.find(f.testHostType).isEmpty())
            problems.add(InputException.at(
                    src,
                    f.testHostTypeLine,
                    "test_host.equivalent_instance_type",
                    "'"
                            + f.testHostType + "' is not an instance type in the catalog"
                            + NearMatches.hint(f.testHostType, instances.names())));
        Platform platform = Platform.byKey(f.platform).orElseThrow();
        SizingRequest.FailureDomain survive = SizingRequest.FailureDomain.valueOf(f.survive.toUpperCase(Locale.ROOT));

        List<SystemSpec.NodeGroupSpec> groups = new ArrayList<>();
        for (int i = 0; i < f.nodeGroups.size(); i++) {
            SystemFile.NodeGroupFields g = f.nodeGroups.get(i);
            for (String t : g.instanceTypes)
                if (instances.find(t).isEmpty())
                    problems.add(InputException.at(
                            src,
                            g.instanceTypesLine,
                            "node_groups[" + i + "].instance_types",
                            "'" + t + "' is not an instance type in the catalog"
                                    + NearMatches.hint(t, instances.names())));
            DaemonOverhead daemons = DaemonOverhead.eksDefault();
            for (SystemFile.DaemonFields d : g.daemonsets)
                daemons = daemons.with(new DaemonOverhead.DaemonPod(d.name, d.cpuMillicores, d.memoryMib, d.source));
            groups.add(new SystemSpec.NodeGroupSpec(g.name, g.instanceTypes, daemons));
        }
        List<SystemSpec.DatabaseSpec> dbs = new ArrayList<>();
        for (int i = 0; i < f.databases.size(); i++) {
            DatabaseFields d = f.databases.get(i);
            for (String c : d.classes)
                if (dbClasses.find(c).isEmpty())
                    problems.add(InputException.at(
                            src,
                            d.classesLine,
                            "databases[" + i + "].classes",
                            "'" + c + "' is not an RDS class in the catalog" + NearMatches.hint(c, dbClasses.names())));
            dbs.add(new SystemSpec.DatabaseSpec(
                    d.name,
                    Engine.byKey(d.engine).orElseThrow(),
                    d.multiAz,
                    d.readReplicas,
                    d.reserved,
                    d.maxConnections > 0 ? OptionalInt.of(d.maxConnections) : OptionalInt.empty(),
                    d.classes,
                    Double.isNaN(d.targetPct) ? DB_TARGET : d.targetPct / 100));
        }
        if (!problems.isEmpty()) throw new InputException(problems);
        checkPoolsAtMinAgainstClasses(f, dbClasses, problems);

        List<SystemSpec.ServiceSpec> services = new ArrayList<>();
        for (ServiceFields s : f.services) {
            List<MeasuredStep> steps;
            try {
                steps = StepsTable.read(s.steps);
            } catch (InputFileException e) {
                e.problems().forEach(p -> problems.add(p.toString()));
                continue;
            } catch (InputException e) {
                problems.addAll(e.problems());
                continue;
            }
            RunRecord run = RunRecord.in(s.steps.toAbsolutePath().getParent());
            TestBed bed = run.testBed();
            if (Double.isNaN(bed.serviceCpuCores()) && f.testHostType != null)
                bed = bed.withServiceCpuCores(instances.byName(f.testHostType).vcpus());
            List<String> types = s.nodeGroup == null
                    ? List.of()
                    : f.nodeGroups.stream()
                            .filter(g -> g.name.equals(s.nodeGroup))
                            .findFirst()
                            .map(g -> g.instanceTypes)
                            .orElse(List.of());
            double start = Double.isNaN(s.serviceStartS) ? bed.serviceStartSeconds() : s.serviceStartS;
            SizingRequest request = new SizingRequest(
                    s.peakRps,
                    s.baselineRps,
                    Double.isNaN(f.growthPerMinutePct) ? RequestResolver.GROWTH_PER_MINUTE : f.growthPerMinutePct / 100,
                    new SizingRequest.SloTarget(
                            f.sloMeanMs / 1000,
                            or(f.sloP95Ms, run.sloP95Ms()) / 1000,
                            or(f.sloP99Ms, run.sloP99Ms()) / 1000,
                            or(f.sloErrorRatio, run.sloErrorRatio())),
                    platform,
                    f.region,
                    f.availabilityZones,
                    survive,
                    new SizingRequest.InstanceFilter(List.of(), List.of(), types),
                    new SizingRequest.TestHost(Optional.ofNullable(f.testHostType), Double.NaN),
                    // The database is sized for the whole system, not per service: each service's own
                    // sizing gets no connection cap, so its replica counts are its CPU's alone.
                    new SizingRequest.DatabaseRequest(
                            List.of(), OptionalInt.of(InputRanges.MAX_CONNECTIONS), 0, DB_TARGET),
                    new SizingRequest.ReplicaRequest(
                            s.cpuCores, s.memoryMib, RequestResolver.COMPUTE_OPTIMIZER_HEADROOM),
                    new SizingRequest.ScalingTimes(
                            RequestResolver.METRIC_INTERVAL_S,
                            RequestResolver.CONTROLLER_SYNC_S,
                            RequestResolver.NODE_START_S,
                            RequestResolver.ALARM_S,
                            Double.isNaN(start) ? RequestResolver.SERVICE_START_S : start),
                    Optional.empty());
            services.add(new SystemSpec.ServiceSpec(
                    s.name,
                    s.steps.toString(),
                    steps,
                    bed,
                    request,
                    s.poolSize > 0 ? OptionalInt.of(s.poolSize) : OptionalInt.empty(),
                    s.minReplicas > 0 ? OptionalInt.of(s.minReplicas) : OptionalInt.empty(),
                    s.maxReplicas > 0 ? OptionalInt.of(s.maxReplicas) : OptionalInt.empty(),
                    s.sidecars.stream()
                            .map(c -> new SystemSpec.Sidecar(c.name, c.cpuMillicores, c.memoryMib))
                            .toList(),
                    Optional.ofNullable(s.database),
                    Double.isNaN(s.readSharePct) ? Double.NaN : s.readSharePct / 100,
                    s.nodeGroup,
                    run.searchEnd(),
                    run.warmup()));
        }
        if (!problems.isEmpty()) throw new InputException(problems);
        SystemSpec.Deployment deployment = f.strategy.equals("blue-green")
                ? new SystemSpec.Deployment(SystemSpec.Deployment.Strategy.BLUE_GREEN, 1)
                : Double.isNaN(f.maxSurgePct)
                        ? SystemSpec.Deployment.rollingDefault(platform)
                        : new SystemSpec.Deployment(SystemSpec.Deployment.Strategy.ROLLING, f.maxSurgePct / 100);
        return new SystemSpec(platform, f.region, f.availabilityZones, survive, deployment, groups, dbs, services);
    }

    /**
     * Without max_connections in the file, the most any candidate class allows by default: pools that
     * overflow even that at the minimum replicas contradict the classes the file allows.
     */
    private static void checkPoolsAtMinAgainstClasses(SystemFields f, DbClassCatalog dbClasses, List<String> problems) {
        for (DatabaseFields d : f.databases) {
            if (d.maxConnections > 0 || d.classes.isEmpty()) continue;
            Engine engine = Engine.byKey(d.engine).orElseThrow();
            int limit = 0;
            String largest = "";
            for (String c : d.classes) {
                DbClass dbClass = dbClasses.byName(c);
                int v = engine == Engine.MYSQL
                        ? engine.defaultMaxConnections(dbClass).value()
                        : PostgresMaxConnections.estimate(dbClass).value();
                if (v > limit) {
                    limit = v;
                    largest = c;
                }
            }
            int atMin = d.reserved;
            List<ServiceFields> users = f.services.stream()
                    .filter(s -> d.name.equals(s.database) && s.poolSize > 0)
                    .toList();
            for (ServiceFields s : users) atMin += Math.max(1, s.minReplicas) * s.poolSize;
            if (atMin <= limit) continue;
            for (ServiceFields s : users)
                problems.add(InputException.at(
                        f.source,
                        s.poolLine,
                        s.field + ".pool_size",
                        String.format(
                                "the pools of database %s need %d connections even at min replicas (with %d reserved),"
                                        + " more than the default max_connections %d of %s, the largest of its classes:"
                                        + " smaller pools, fewer minimum replicas, a larger class or RDS Proxy",
                                d.name, atMin, d.reserved, limit, largest)));
        }
        if (!problems.isEmpty()) throw new InputException(problems);
    }

    private static PriceTable prices(SystemFields f, InstanceCatalog instances, DbClassCatalog dbClasses) {
        PriceTable built = SystemPrices.compute(f.region);
        if (f.prices == null) return built;
        Path file = Path.of(f.source).toAbsolutePath().getParent().resolve(f.prices);
        try {
            PriceTable user = PriceFiles.load(file, instances, dbClasses);
            if (!user.region().equals(f.region))
                throw new InputException(
                        file + ": region: the prices are for " + user.region() + " but the system is in " + f.region);
            return built.overriddenBy(user);
        } catch (InputFileException e) {
            throw new InputException(e.problems().stream().map(Object::toString).toList());
        }
    }

    private static double or(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }
}
