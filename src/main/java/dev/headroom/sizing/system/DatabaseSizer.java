package dev.headroom.sizing.system;

import dev.headroom.sizing.ConnectionPool;
import dev.headroom.sizing.DbClass;
import dev.headroom.sizing.Decision;
import dev.headroom.sizing.Finding;
import dev.headroom.sizing.FindingCode;
import dev.headroom.sizing.MaxConnections;
import dev.headroom.sizing.Plan;
import dev.headroom.sizing.RdsMaxConnections;
import dev.headroom.sizing.system.SystemSizing.DatabasePlan;
import dev.headroom.sizing.system.SystemSizing.ServicePlan;
import dev.headroom.sizing.system.SystemSpec.DatabaseSpec;
import dev.headroom.sizing.system.SystemSpec.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One database shared by several services. Its CPU is the sum of what each service's requests ask
 * of it at that service's peak (X D of its measured demand), plus the database's own background
 * U0 once per instance (the largest a service's run measured), never once per service; its
 * connections are every connecting service's
 * (max replicas + the deployment's surge) x pool, plus the reserved ones. The writer's class is the
 * cheapest (with its Multi-AZ standby, when asked for) that carries the work at the target CPU and
 * holds the connections; when the writer cannot carry the reads as well and replicas are allowed,
 * the reads go to read replicas of the writer's class, if that is cheaper.
 */
final class DatabaseSizer {
    private DatabaseSizer() {}

    /** A writer class with the replicas it needs, and its price. */
    private record Option(
            DbClass dbClass, int replicas, MaxConnections maxConnections, double writerUsd, double replicasUsd) {
        double usd() {
            return Double.isNaN(writerUsd) ? Double.NaN : writerUsd + (replicas == 0 ? 0 : replicasUsd);
        }
    }

    static DatabasePlan size(
            DatabaseSpec db,
            List<ServicePlan> services,
            Deployment deployment,
            List<DbClass> catalog,
            RdsPrices prices,
            double testCoremarkPerVcpu) {
        List<Decision> decisions = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<String> budget = new ArrayList<>();
        int needed = db.reservedConnections();
        for (ServicePlan s : services) {
            int surge = deployment.releaseSurge(s.maxReplicas());
            int c = ConnectionPool.connectionsNeeded(s.maxReplicas(), surge, s.poolSize(), 0);
            needed += c;
            budget.add(String.format(
                    "%s: (%d max + %d surge) x pool %d = %d", s.name(), s.maxReplicas(), surge, s.poolSize(), c));
        }
        budget.add("reserved: " + db.reservedConnections());

        Work w = Work.of(services);
        boolean measured = w.measured();
        double background = w.background(), reads = w.reads(), writes = w.writes(), total = w.total();

        List<DbClass> candidates = db.classes().isEmpty()
                ? catalog
                : catalog.stream().filter(c -> db.classes().contains(c.name())).toList();
        List<String> rejected = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        Optional<Option> cheapestAlone = Optional.empty();
        for (DbClass c : candidates) {
            MaxConnections maxConn = maxConnections(db, c);
            if (needed > maxConn.value()) {
                rejected.add(
                        String.format("%s: %d connections > max_connections %d", c.name(), needed, maxConn.value()));
                continue;
            }
            Option o = carry(db, c, maxConn, w, prices, testCoremarkPerVcpu, rejected);
            if (o == null) continue;
            options.add(o);
            if (measured && o.replicas() == 0 && cheapestAlone.isEmpty()) cheapestAlone = Optional.of(o);
        }
        options.sort(Comparator.comparing((Option o) -> Double.isNaN(o.usd()))
                .thenComparingDouble(o -> Double.isNaN(o.usd()) ? 0 : o.usd())
                .thenComparingInt(o -> o.dbClass().vcpus())
                .thenComparingInt(Option::replicas));
        String work = measured
                ? String.format(
                        "%.2f vCPU of database work at the peak (the database's background %.2f once per instance,"
                                + " writes %.2f, reads %.2f)",
                        total, background, writes, reads)
                : "database CPU not measured for "
                        + String.join(
                                ", ",
                                services.stream()
                                        .filter(s -> !s.db().measured())
                                        .map(ServicePlan::name)
                                        .toList());
        decisions.add(Decision.named("connection_budget")
                .input("services", budget)
                .input("deployment", deployment.describe())
                .formula("sum over connecting services of (max replicas + release surge) x pool + reserved (every"
                        + " service's surge at once, the rule the node group's max counts too: a release that deploys"
                        + " them together opens them all)")
                .result("connections_needed", needed)
                .because(String.join("; ", budget) + " = " + needed + "."));

        if (options.isEmpty()) {
            List<String> fixes = measured ? List.of() : List.of();
            Optional<DbClass> largest = candidates.stream().max(Comparator.comparingDouble(DbClass::memoryGib));
            int limit = largest.map(c -> maxConnections(db, c).value()).orElse(0);
            String basis = largest.map(c -> maxConnections(db, c).basis()).orElse("");
            boolean connectionsShort = rejected.stream().anyMatch(r -> r.contains("max_connections"));
            List<String> fixList = connectionsShort
                    ? fixes(db, services, deployment, catalog, prices, needed, limit, w, testCoremarkPerVcpu)
                    : List.of();
            if (connectionsShort)
                findings.add(Finding.error(
                        FindingCode.DB_CONNECTION_BUDGET_EXCEEDED,
                        String.format(
                                "database %s: %d connections are needed (%s) but max_connections is %d; fixes: %s",
                                db.name(),
                                needed,
                                String.join("; ", budget),
                                limit,
                                fixList.isEmpty() ? "none found" : String.join(" | ", fixList))));
            else
                findings.add(Finding.error(
                        FindingCode.NO_FEASIBLE_PLAN,
                        "database " + db.name() + ": no class carries " + work + ": " + String.join("; ", rejected)));
            decisions.add(Decision.notEvaluated("db_class", "no candidate class fits: " + String.join("; ", rejected)));
            return new DatabasePlan(
                    db.name(),
                    db.engine(),
                    db.multiAz(),
                    Optional.empty(),
                    0,
                    writes,
                    reads,
                    background,
                    limit,
                    basis,
                    needed,
                    budget,
                    fixList,
                    Double.NaN,
                    Double.NaN,
                    rejected,
                    decisions,
                    findings);
        }
        Option best = options.get(0);
        if (!measured) {
            decisions.add(Decision.notEvaluated(
                    "db_class",
                    work + ": no class is chosen on connections alone; the database must accept " + needed
                            + " connections"));
            findings.add(Finding.warning(FindingCode.INPUT_NOT_MEASURED, "database " + db.name() + ": " + work));
            MaxConnections limit = db.maxConnections().isPresent()
                    ? new MaxConnections(
                            db.maxConnections().getAsInt(), db.maxConnections().getAsInt(), "as set")
                    : null;
            return new DatabasePlan(
                    db.name(),
                    db.engine(),
                    db.multiAz(),
                    Optional.empty(),
                    0,
                    writes,
                    reads,
                    background,
                    limit == null ? 0 : limit.value(),
                    limit == null ? "" : limit.basis(),
                    needed,
                    budget,
                    List.of(),
                    Double.NaN,
                    Double.NaN,
                    List.of(),
                    decisions,
                    findings);
        }
        String multiAz = db.multiAz()
                ? " Multi-AZ: the standby is billed per DB instance-hour like the primary (RDS User Guide, On-Demand DB"
                        + " instances) and serves no reads (Multi-AZ DB instance deployments)."
                : "";
        decisions.add(Decision.named("db_class")
                .input("work", work)
                .input("target_cpu_utilization", db.targetCpuUtilization())
                .input("read_replicas_allowed", db.maxReadReplicas())
                .formula("cheapest writer (x2 with its standby when Multi-AZ) carrying every service's database CPU"
                        + " at the target, or the writes with read replicas of its class carrying the reads;"
                        + " max_connections holding the budget")
                .result("db_class", best.dbClass().name())
                .result("read_replicas", best.replicas())
                .result("max_connections", best.maxConnections().value())
                .result("usd_per_month", best.usd())
                .because(best.dbClass().name() + " "
                        + (best.replicas() == 0
                                ? "carries all of it"
                                : "carries the writes and " + best.replicas()
                                        + " read replica(s) of its class the reads")
                        + "; its max_connections " + best.maxConnections().value() + " holds " + needed + "."
                        + multiAz));
        if (best.replicas() > 0) {
            decisions.add(Decision.named("read_replicas")
                    .input("read_cores_at_peak", reads)
                    .input("write_cores_at_peak", writes)
                    .input(
                            "cheapest_single_writer",
                            cheapestAlone
                                    .map(o -> o.dbClass().name() + " " + NodeGroupSizer.usd(o.usd()))
                                    .orElse("none carries it"))
                    .formula("replicas = ceil(read work / (what one instance carries at the target - the database's"
                            + " background, which every instance runs))")
                    .result("read_replicas", best.replicas())
                    .because("The reads exceed what the writer carries at its target beside the writes, and "
                            + best.replicas()
                            + " replica(s) cost less than a writer big enough for both. Replication is"
                            + " asynchronous: reads sent to a replica can be stale (RDS User Guide, Working with read"
                            + " replicas)."));
            findings.add(Finding.info(
                    FindingCode.READ_REPLICAS_ADDED,
                    String.format(
                            "database %s: %d read replica(s) of %s carry %.2f vCPU of reads; the services must send reads"
                                    + " there (a second pool), and reads may be stale",
                            db.name(), best.replicas(), best.dbClass().name(), reads)));
        }
        int useful =
                ConnectionPool.usefulActiveConnectionsPerDatabase(best.dbClass().physicalCores());
        return new DatabasePlan(
                db.name(),
                db.engine(),
                db.multiAz(),
                Optional.of(best.dbClass().name()),
                best.replicas(),
                writes,
                reads,
                background,
                best.maxConnections().value(),
                best.maxConnections().basis() + "; (physical cores x 2) = " + useful
                        + " connections keep it usefully busy",
                needed,
                budget,
                List.of(),
                best.writerUsd(),
                best.replicasUsd(),
                rejected,
                decisions,
                findings);
    }

    /**
     * The services' work on one database, in test-host cores: the requests' reads and writes at the
     * services' peaks and baselines, and the database's own background U0 once per instance (the
     * largest any service's run measured, not their sum: the database runs one).
     */
    record Work(
            boolean measured,
            double background,
            double reads,
            double writes,
            double readsAtBaseline,
            double writesAtBaseline) {
        static Work of(List<ServicePlan> services) {
            double reads = 0, all = 0, readsBase = 0, allBase = 0, background = 0;
            for (ServicePlan s : services) {
                reads += orZero(s.db().requestCoresAtPeak()) * s.db().readShareOrZero();
                all += orZero(s.db().requestCoresAtPeak());
                readsBase += orZero(s.db().requestCoresAtBaseline()) * s.db().readShareOrZero();
                allBase += orZero(s.db().requestCoresAtBaseline());
                background = Math.max(background, orZero(s.db().backgroundCoresPerInstance()));
            }
            return new Work(
                    services.stream().allMatch(s -> s.db().measured()),
                    background,
                    reads,
                    all - reads,
                    readsBase,
                    allBase - readsBase);
        }

        double total() {
            return background + writes + reads;
        }

        double totalAtBaseline() {
            return background + writesAtBaseline + readsAtBaseline;
        }
    }

    /**
     * Class {@code c} as the writer, alone or with read replicas of its class: the option when it
     * carries {@code w} at the target CPU and within its credit baseline if burstable, else null with
     * the reason added to {@code rejected}. Connections are the caller's. Unmeasured work is not
     * checked: the option then has no replicas.
     */
    private static Option carry(
            DatabaseSpec db,
            DbClass c,
            MaxConnections maxConn,
            Work w,
            RdsPrices prices,
            double testCoremarkPerVcpu,
            List<String> rejected) {
        double writerUsd = prices.find(c.name(), db.engine(), db.multiAz())
                .map(p -> p.usdPerHour() * Plan.Cost.HOURS_PER_MONTH)
                .orElse(Double.NaN);
        double replicaUsd = prices.find(c.name(), db.engine(), false)
                .map(p -> p.usdPerHour() * Plan.Cost.HOURS_PER_MONTH)
                .orElse(Double.NaN);
        if (!w.measured()) return new Option(c, 0, maxConn, writerUsd, 0);
        double speed = speed(testCoremarkPerVcpu, c);
        double carried = c.vcpus() * db.targetCpuUtilization() * speed; // test-host cores one instance carries
        String credit = creditProblem(c, w.totalAtBaseline() / speed);
        if (w.total() <= carried && credit == null) return new Option(c, 0, maxConn, writerUsd, 0);
        String whyAlone = credit != null
                ? credit
                : String.format(
                        "the peak's %.2f vCPU of database work is more than its %d vCPU carry at %.0f %%",
                        w.total() / speed, c.vcpus(), db.targetCpuUtilization() * 100);
        if (db.maxReadReplicas() == 0 || w.reads() <= 0) {
            rejected.add(c.name() + ": " + whyAlone
                    + (db.maxReadReplicas() == 0
                            ? " (no read replicas allowed)"
                            : " (no read work measured or declared)"));
            return null;
        }
        String writerCredit = creditProblem(c, (w.background() + w.writesAtBaseline()) / speed);
        if (w.background() + w.writes() > carried || writerCredit != null) {
            rejected.add(c.name() + ": " + whyAlone + ", and even the writes alone ("
                    + String.format("%.2f vCPU with the background", (w.background() + w.writes()) / speed)
                    + ") are too much for it"
                    + (writerCredit != null ? " (" + writerCredit + ")" : ""));
            return null;
        }
        // Each replica is a database instance with its own background: it carries reads only in
        // what is left of its target (and, burstable, of its credit baseline) after U0.
        double readRoom = carried - w.background();
        double creditRoom = c.vcpus() * c.baselineCpuFraction() * speed - w.background();
        if (!(readRoom > 0) || (c.burstable() && !(creditRoom > 0))) {
            rejected.add(String.format(
                    "%s: the database's own background (%.2f vCPU) leaves a read replica no room for reads",
                    c.name(), w.background() / speed));
            return null;
        }
        int n = (int) Math.ceil(w.reads() / readRoom - 1e-9);
        if (c.burstable()) n = Math.max(n, (int) Math.ceil(w.readsAtBaseline() / creditRoom - 1e-9));
        if (n > db.maxReadReplicas()) {
            rejected.add(String.format(
                    "%s: its reads need %d read replicas, more than the %d allowed",
                    c.name(), n, db.maxReadReplicas()));
            return null;
        }
        return new Option(c, n, maxConn, writerUsd, n * replicaUsd);
    }

    /** What would bring {@code needed} within the limit, each checked: only fixes that work are listed. */
    static List<String> fixes(
            DatabaseSpec db,
            List<ServicePlan> services,
            Deployment deployment,
            List<DbClass> catalog,
            RdsPrices prices,
            int needed,
            int limit,
            Work w,
            double testCoremarkPerVcpu) {
        List<String> fixes = new ArrayList<>();
        int sized = db.reservedConnections();
        for (ServicePlan s : services)
            sized += ConnectionPool.connectionsNeeded(
                    s.maxReplicas(), deployment.releaseSurge(s.maxReplicas()), Math.max(1, s.sizedPoolSize()), 0);
        if (sized <= limit)
            fixes.add(String.format(
                    "the sized pools (%s) need %d, within %d",
                    String.join(
                            ", ",
                            services.stream()
                                    .map(s -> s.name() + " " + s.sizedPoolSize())
                                    .toList()),
                    sized,
                    limit));
        if (deployment.strategy() == Deployment.Strategy.BLUE_GREEN || deployment.maxSurgeFraction() > 0) {
            int noSurge = db.reservedConnections();
            for (ServicePlan s : services) noSurge += s.maxReplicas() * s.poolSize();
            if (noSurge <= limit)
                fixes.add(String.format(
                        "a rolling update with maxSurge 0 (maxUnavailable instead) needs %d, within %d",
                        noSurge, limit));
        }
        // A bigger class is a fix only if it also carries the work: at the target CPU, within its
        // credit baseline when burstable, with the read replicas allowed (the same test as the class
        // choice, carry()).
        List<String> notCarrying = new ArrayList<>();
        catalog.stream()
                .filter(c -> maxConnections(db, c).value() >= needed)
                .map(c -> carry(db, c, maxConnections(db, c), w, prices, testCoremarkPerVcpu, notCarrying))
                .filter(java.util.Objects::nonNull)
                .min(Comparator.comparingDouble((Option o) -> Double.isNaN(o.usd()) ? Double.MAX_VALUE : o.usd())
                        .thenComparingDouble(o -> o.dbClass().memoryGib()))
                .ifPresent(o -> fixes.add(String.format(
                        "%s%s, whose %s %d holds %d and which carries the database's CPU%s (%s)",
                        o.dbClass().name(),
                        o.replicas() == 0 ? "" : " with " + o.replicas() + " read replica(s)",
                        db.maxConnections().isPresent() ? "max_connections" : "default max_connections",
                        o.maxConnections().value(),
                        needed,
                        w.measured()
                                ? " at the target" + (o.dbClass().burstable() ? " and within its credit baseline" : "")
                                : " (not checked: the database's CPU was not measured)",
                        Double.isNaN(o.usd()) ? "price unknown" : NodeGroupSizer.usd(o.usd()) + " a month")));
        fixes.add(
                "RDS Proxy in front of the database: clients' connections are multiplexed per transaction onto at most"
                        + " MaxConnectionsPercent of max_connections (RDS User Guide, RDS Proxy concepts), unless sessions are"
                        + " pinned"
                        + (db.engine() == Engine.POSTGRES
                                ? " (PostgreSQL: JDBC's default extended query protocol pins)"
                                : " (MySQL: session variables, temporary tables, GET_LOCK pin)")
                        + "; its price is not in the catalog");
        return fixes;
    }

    static MaxConnections maxConnections(DatabaseSpec db, DbClass c) {
        if (db.maxConnections().isPresent())
            return db.engine() == Engine.MYSQL
                    ? RdsMaxConnections.configured(c, db.maxConnections().getAsInt())
                    : new MaxConnections(
                            db.maxConnections().getAsInt(),
                            PostgresMaxConnections.upperBound(c.memoryGib()),
                            "max_connections " + db.maxConnections().getAsInt()
                                    + " as set in the DB parameter group of " + c.name());
        return db.engine().defaultMaxConnections(c);
    }

    /** A burstable class running above its credit baseline for most of the day; null when fine. */
    private static String creditProblem(DbClass c, double sustainedCores) {
        if (!c.burstable()) return null;
        double u = sustainedCores / c.vcpus();
        if (u <= c.baselineCpuFraction()) return null;
        return String.format(
                "sustained DB CPU %.0f %% is above its credit baseline %.0f %%",
                u * 100, c.baselineCpuFraction() * 100);
    }

    /** A class's per-vCPU CoreMark over the test host's; 1 when the test host's is unknown. */
    private static double speed(double testCoremarkPerVcpu, DbClass c) {
        if (Double.isNaN(testCoremarkPerVcpu)) return 1.0;
        return c.hardware().coremarkPerVcpu() / testCoremarkPerVcpu;
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
