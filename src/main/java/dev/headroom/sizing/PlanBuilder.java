package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.List;

/** Builds one candidate plan per allowed capacity type for the request's platform. */
final class PlanBuilder {
    private final PlanInputs in;
    private final InstanceCatalog catalog;
    private final PriceTable prices;
    private final List<DbClass> dbCandidates;
    private final int testedPoolSize;
    private final SidecarRequests sidecars;
    private final DaemonOverhead daemons;

    PlanBuilder(
            PlanInputs in, InstanceCatalog catalog, PriceTable prices, List<DbClass> dbCandidates, int testedPoolSize) {
        this(in, catalog, prices, dbCandidates, testedPoolSize, SidecarRequests.NONE, DaemonOverhead.eksDefault());
    }

    PlanBuilder(
            PlanInputs in,
            InstanceCatalog catalog,
            PriceTable prices,
            List<DbClass> dbCandidates,
            int testedPoolSize,
            SidecarRequests sidecars,
            DaemonOverhead daemons) {
        this.in = in;
        this.catalog = catalog;
        this.prices = prices;
        this.dbCandidates = dbCandidates;
        this.testedPoolSize = testedPoolSize;
        this.sidecars = sidecars;
        this.daemons = daemons;
    }

    List<Plan> candidates() {
        SizingRequest r = in.request();
        if (r.platform() == Platform.ECS_FARGATE) return List.of(fargate());
        return catalog.all().stream()
                .filter(t -> r.instances().allows(t.name(), t.family(), t.arch().key()))
                .map(t -> r.platform() == Platform.EKS ? onNodes(t) : onInstances(t))
                .toList();
    }

    /**
     * Pods of the measured size packed onto nodes of type {@code t}. A pod is the service container
     * and its sidecars, beside the node's DaemonSets: what one node holds of them is also what one
     * node's loss takes away, so it sets the node spare ({@link #survivingLoss}). The replica's
     * throughput is its own container's CPU.
     */
    Plan onNodes(InstanceType t) {
        List<String> violations = new ArrayList<>();
        PodsPerNode fit = EksNodeCapacity.podsPerNode(
                t,
                in.replicaCpuCores() + sidecars.cpuCores(),
                in.replicaMemoryMibWhole() + sidecars.memoryMib(),
                daemons);
        if (fit.pods() < 1) {
            violations.add("a pod of " + cores(in.replicaCpuCores()) + " and " + mib(in.replicaMemoryMib())
                    + (sidecars.equals(SidecarRequests.NONE)
                            ? ""
                            : " with sidecars of " + cores(sidecars.cpuCores()) + " and " + mib(sidecars.memoryMib()))
                    + " does not fit on a " + t.name() + " (" + fit.limitedBy().key() + ")");
            return rejected(t.name(), fit.pods(), fit.limitedBy().key(), violations);
        }
        return build(t.name(), t, null, fit.pods(), fit.limitedBy().key(), in.replicaCpuCores(), violations);
    }

    /** One service JVM per instance of type {@code t}, using all its vCPUs. */
    Plan onInstances(InstanceType t) {
        List<String> violations = new ArrayList<>();
        double usableMib = t.memoryGib() * 1024 * EC2_MEMORY_FOR_SERVICE;
        if (in.replicaMemoryMib() > usableMib) {
            violations.add(String.format(
                    "the service needs %s, a %s leaves %.0f MiB after the OS",
                    mib(in.replicaMemoryMib()), t.name(), usableMib));
            return rejected(t.name(), 0, "memory", violations);
        }
        return build(t.name(), t, null, 1, "one service per instance", t.vcpus(), violations);
    }

    /**
     * The share of an instance's memory the service JVM may use; the rest is the OS, the SSM and
     * CloudWatch agents. A planning assumption, stated in the reasoning.
     */
    static final double EC2_MEMORY_FOR_SERVICE = 0.75;

    /**
     * One replica per task of the smallest valid size holding the service and its sidecars. The
     * task is rounded up to a size Fargate accepts (0.3 vCPU runs on 0.5), and the containers of a
     * task share its CPU (container {@code cpu} is a relative share, not a cap), so the service may
     * use all of it but what the sidecars request: its throughput, and so the replica counts, are
     * those of the task's CPU less the sidecars', at the CPU target. The plan's
     * {@link Plan#replicaCpuCores} is that share; the task itself is in its name and its cost.
     */
    Plan fargate() {
        List<String> violations = new ArrayList<>();
        var task = sidecars.task(in.replicaCpuCores(), in.replicaMemoryMibWhole());
        String sidecarWords = sidecars.equals(SidecarRequests.NONE)
                ? ""
                : " with sidecars of " + cores(sidecars.cpuCores()) + " and " + mib(sidecars.memoryMib());
        if (task.isEmpty()) {
            violations.add("no Fargate task size holds " + cores(in.replicaCpuCores()) + " and "
                    + mib(in.replicaMemoryMib()) + sidecarWords);
            return rejected("fargate", 0, "task size", violations);
        }
        var size = task.get();
        String name = String.format("fargate %s vCPU / %s GB", trim(size.vcpus()), trim(size.memoryGib()));
        return build(name, null, size, 1, "one replica per task", sidecars.serviceCoresIn(size), violations);
    }

    private Plan build(
            String capacityType,
            InstanceType type,
            FargateTaskSize task,
            int perNode,
            String limitedBy,
            double replicaCores,
            List<String> violations) {
        SizingRequest r = in.request();
        double speed = type == null ? 1.0 : in.speedOf(type.coremarkPerVcpu());
        double atTarget = in.rpsAtTarget(replicaCores, speed);
        double atCeiling = in.rpsAtCeiling(replicaCores, speed);
        if (!(atTarget > 0)) {
            violations.add("a replica of " + cores(replicaCores) + " carries no load at the CPU target after its"
                    + " background use");
            return rejected(capacityType, perNode, limitedBy, violations);
        }
        // In doubles first: a tiny per-replica rate must be refused, not wrapped round an int.
        double forPeakExact = replicasFor(r.peakRps(), atTarget);
        if (forPeakExact > MAX_REPLICAS) {
            violations.add(String.format(
                    "the peak needs %.3g replicas of %s (%.3g req/s each at the CPU target), more than the %d a"
                            + " plan may have",
                    forPeakExact, cores(replicaCores), atTarget, MAX_REPLICAS));
            return rejected(capacityType, perNode, limitedBy, violations);
        }
        int forPeak = (int) forPeakExact;
        // The ceiling is at or above the target, so this is at most forPeak.
        int needAtCeiling = (int) replicasFor(r.peakRps(), atCeiling);
        if (!Double.isNaN(in.connHoldSeconds()) && atCeiling * in.connHoldSeconds() > MAX_POOL) {
            violations.add(String.format(
                    "a replica would keep %.0f connections busy, more than the %d a HikariCP pool is sized to here",
                    atCeiling * in.connHoldSeconds(), MAX_POOL));
            return rejected(capacityType, perNode, limitedBy, violations);
        }
        DatabaseChoice.PoolWant want = DatabaseChoice.poolWant(in, atCeiling, testedPoolSize);

        int minReplicas = Math.max(MIN_REPLICAS, r.availabilityZones());
        if (!Double.isNaN(r.baselineRps()))
            minReplicas = Math.max(minReplicas, (int) replicasFor(r.baselineRps(), atTarget));
        // The spare rides out the loss at the peak only if it is running when the loss comes: no
        // scale-out lag is waited for, so it is the minimum, for the HPA and the groups alike.
        minReplicas = Math.max(minReplicas, survivingLoss(needAtCeiling, perNode));
        int atPeak = Math.max(minReplicas, forPeak);
        // Bounded like the peak's count, so that (max + surge) x pool stays an int.
        int maxWanted = Math.max(atPeak, (int)
                Math.min(MAX_REPLICAS, Math.ceil(forPeak * (1 + r.replica().maxHeadroom()))));

        int nodesMin = nodesFor(minReplicas, perNode);
        int nodesForPeak = nodesFor(atPeak, perNode);
        DatabaseChoice.Result db =
                DatabaseChoice.choose(in, r.platform(), atPeak, maxWanted, want, dbCandidates, prices);
        if (db.choice().isEmpty()) {
            violations.add("no database class fits: " + String.join("; ", db.rejected()));
            return rejected(capacityType, perNode, limitedBy, violations);
        }
        DatabaseChoice dbc = db.choice().get();
        int maxReplicas = dbc.maxReplicas();
        int nodesMax = Math.max(nodesForPeak, nodesFor(maxReplicas, perNode));

        double sustained = sustainedUtilization(type, replicaCores, speed, minReplicas, nodesMin, nodesForPeak, atPeak);
        // the fleet the sustained utilization was computed on: the minimum one at the baseline
        int sustainedNodes = Double.isNaN(r.baselineRps()) ? nodesForPeak : nodesMin;
        double credits = type == null ? Double.NaN : type.surplusCreditUsdPerMonth(sustained, sustainedNodes);
        Plan.Cost cost =
                new Plan.Cost(computeCost(type, task, nodesForPeak), controlPlane(), dbc.usdPerMonth(), credits);
        Plan.Reasons reasons = new Plan.Reasons(
                dbc.poolBasis(),
                dbc.connectionsPerReplica(),
                ConnectionPool.activeConnectionsFleetWide(r.peakRps(), in.connHoldSeconds()),
                dbc.dbClass()
                        .map(c -> ConnectionPool.usefulActiveConnectionsPerDatabase(c.physicalCores()))
                        .orElse(0),
                dbc.dbBasis(),
                dbc.rejected());
        return Plan.builder()
                .platform(r.platform())
                .capacityType(capacityType)
                .replicaCpuCores(replicaCores)
                .replicaMemoryMib(in.replicaMemoryMib())
                .replicasPerNode(perNode)
                .replicasPerNodeLimitedBy(limitedBy)
                .minReplicas(minReplicas)
                .replicasForPeak(forPeak)
                .maxReplicas(maxReplicas)
                .nodesMin(nodesMin)
                .nodesForPeak(nodesForPeak)
                .nodesMax(nodesMax)
                .cpuTargetUtilization(in.targetUtilization())
                .poolSize(dbc.poolSize())
                .dbClass(dbc.dbClass().map(DbClass::name).orElse(""))
                .dbMaxConnections(
                        dbc.maxConnections().map(MaxConnections::value).orElse(0))
                .connectionsNeeded(dbc.connectionsNeeded())
                .sustainedUtilization(sustained)
                .cost(cost)
                .violations(violations)
                .reasons(reasons)
                .build();
    }

    /** At least two replicas, so losing one never stops the service. */
    static final int MIN_REPLICAS = 2;

    /**
     * More replicas than any one service's fleet; it keeps the arithmetic in {@code int} and turns
     * absurd inputs into a rejected plan with its reason, not a wrapped-round count.
     */
    static final int MAX_REPLICAS = 100_000;

    /**
     * The most connections one replica may keep busy. A replica needing more is a design to change
     * (fewer, shorter transactions), not a pool to size; it also keeps replicas x pool in {@code int}.
     */
    static final int MAX_POOL = 1_000;

    /**
     * Replicas that must run so that, after losing the request's failure domain, those left carry
     * the peak ({@code needAtCeiling}, at the utilization where the SLO held) with no scale-out:
     *
     * <ul>
     *   <li>node: a node holds at most {@code perNode} replicas, so n - perNode >= need;
     *   <li>zone: spread evenly over Z zones (maxSkew 1), a zone holds at most ceil(n / Z), so the
     *       smallest n with n - ceil(n / Z) >= need (a single zone rides out nothing).
     * </ul>
     *
     * 0 when the request names no failure to survive.
     */
    int survivingLoss(int needAtCeiling, int perNode) {
        SizingRequest r = in.request();
        int zones = r.availabilityZones();
        return switch (r.survive()) {
            case NONE -> 0;
            case NODE -> needAtCeiling + perNode;
            case ZONE -> {
                if (zones < 2) yield needAtCeiling;
                int n = needAtCeiling;
                while (n - ceilDiv(n, zones) < needAtCeiling) n++;
                yield n;
            }
        };
    }

    /**
     * Nodes (instances, tasks) that hold {@code replicas}: with a zone to survive the replicas are
     * spread evenly over the zones, and each zone needs nodes for its share; otherwise as many as
     * pack them, and never fewer than one per zone the replicas spread over.
     */
    int nodesFor(int replicas, int perNode) {
        SizingRequest r = in.request();
        // One replica per instance or task: the group spreads them over the zones itself (an ASG,
        // an ECS service), so n of them are n, whatever the zones.
        if (perNode == 1) return Math.max(1, replicas);
        int zones = r.availabilityZones();
        if (r.survive() == SizingRequest.FailureDomain.ZONE && zones >= 2) {
            return zones * ceilDiv(ceilDiv(replicas, zones), perNode);
        }
        // The minimum replicas are one per zone; packed onto fewer nodes than zones they would run
        // in fewer zones than the request spreads over, whatever the pods' topology spread says.
        return EksNodeCapacity.nodesOverZones(ceilDiv(replicas, perNode), replicas, zones);
    }

    /**
     * Node CPU utilization for most of the day: at the baseline load on the minimum fleet when the
     * request gives a baseline, else at the peak. What burstable credits are earned and spent on.
     */
    private double sustainedUtilization(
            InstanceType type,
            double replicaCores,
            double speed,
            int minReplicas,
            int nodesMin,
            int nodesForPeak,
            int forPeak) {
        SizingRequest r = in.request();
        boolean atBaseline = !Double.isNaN(r.baselineRps());
        double rps = atBaseline ? r.baselineRps() : r.peakRps();
        int replicas = atBaseline ? minReplicas : forPeak;
        int nodes = atBaseline ? nodesMin : nodesForPeak;
        double usedCores = (replicas * in.appDemand().backgroundCores()
                        + rps * in.appDemand().cpuSecondsPerRequest())
                / speed;
        double nodeCores = type == null ? replicas * replicaCores : nodes * type.vcpus();
        return usedCores / nodeCores;
    }

    /** Of an EC2 type ({@code type}) or a Fargate task size ({@code task}); the other is null. */
    private double computeCost(InstanceType type, FargateTaskSize task, int units) {
        if (type != null) {
            return prices.ec2(type.name())
                    .map(p -> p.usdPerHour() * units * Plan.Cost.HOURS_PER_MONTH)
                    .orElse(Double.NaN);
        }
        // Fargate tasks here run on x86_64, the default platform of a task definition.
        return prices.fargate(Arch.X86_64)
                .map(rates -> units * rates.taskUsdPerHour(task) * Plan.Cost.HOURS_PER_MONTH)
                .orElse(Double.NaN);
    }

    private double controlPlane() {
        if (in.request().platform() != Platform.EKS) return 0;
        return prices.eksCluster()
                .map(p -> p.usdPerHour() * Plan.Cost.HOURS_PER_MONTH)
                .orElse(Double.NaN);
    }

    private Plan rejected(String capacityType, int perNode, String limitedBy, List<String> violations) {
        return Plan.builder()
                .platform(in.request().platform())
                .capacityType(capacityType)
                .replicaCpuCores(in.replicaCpuCores())
                .replicaMemoryMib(in.replicaMemoryMib())
                .replicasPerNode(perNode)
                .replicasPerNodeLimitedBy(limitedBy)
                .minReplicas(0)
                .replicasForPeak(0)
                .maxReplicas(0)
                .nodesMin(0)
                .nodesForPeak(0)
                .nodesMax(0)
                .cpuTargetUtilization(in.targetUtilization())
                .poolSize(0)
                .dbClass("")
                .dbMaxConnections(0)
                .connectionsNeeded(0)
                .cost(new Plan.Cost(Double.NaN, Double.NaN, Double.NaN, Double.NaN))
                .violations(violations)
                .reasons(Plan.Reasons.NONE)
                .build();
    }

    /**
     * Whole replicas that carry {@code rps} at {@code rpsPerReplica} each: the ceiling of the ratio,
     * less a relative 1e-9. A fitted demand line carries rounding of that order (a background of
     * 4.4e-17 cores fitted to an exactly proportional table made 1500 / 499.99999999999994 need 4
     * replicas instead of 3); a real shortfall is many orders larger.
     */
    static double replicasFor(double rps, double rpsPerReplica) {
        return Math.ceil(rps / rpsPerReplica * (1 - 1e-9));
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static String cores(double c) {
        return trim(c) + " vCPU";
    }

    static String mib(double m) {
        return String.format("%.0f MiB", m);
    }

    static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
