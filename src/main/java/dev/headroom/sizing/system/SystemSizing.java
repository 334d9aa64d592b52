package dev.headroom.sizing.system;

import dev.headroom.sizing.Decision;
import dev.headroom.sizing.Finding;
import dev.headroom.sizing.Plan;
import dev.headroom.sizing.Sizing;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the system sizer concluded: one plan per service, per node group and per database, each with
 * its decisions and findings, and the system's monthly cost at the peak.
 */
public record SystemSizing(
        SystemSpec spec,
        List<ServicePlan> services,
        List<NodeGroupPlan> nodeGroups,
        List<DatabasePlan> databases,
        double computeUsdPerMonth,
        double controlPlaneUsdPerMonth,
        double databaseUsdPerMonth,
        List<Finding> findings) {

    public SystemSizing {
        services = List.copyOf(services);
        nodeGroups = List.copyOf(nodeGroups);
        databases = List.copyOf(databases);
        findings = List.copyOf(findings);
    }

    /** NaN parts have no price; the total is NaN when the compute has none. */
    public double totalUsdPerMonth() {
        if (Double.isNaN(computeUsdPerMonth)) return Double.NaN;
        return computeUsdPerMonth + orZero(controlPlaneUsdPerMonth) + orZero(databaseUsdPerMonth);
    }

    /** Every finding of the system, its services, node groups and databases. */
    public List<Finding> allFindings() {
        List<Finding> all = new java.util.ArrayList<>(findings);
        services.forEach(s -> all.addAll(s.findings()));
        nodeGroups.forEach(g -> all.addAll(g.findings()));
        databases.forEach(d -> all.addAll(d.findings()));
        return List.copyOf(all);
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /**
     * One service's part of the plan, in small groups: what runs ({@link Shape}), how many
     * ({@link Replicas}), its pool ({@link Pool}) and its database work ({@link DatabaseWork}). The
     * accessors below read through the groups, so call sites keep one name per figure.
     *
     * @param single the service's own single-service sizing, with its decisions
     * @param deployed the single-service plan with the system's counts and pool, from which the
     *     outputs render the service's Terraform variables and manifests; empty when unplanned
     */
    public record ServicePlan(
            String name,
            Shape shape,
            Replicas replicas,
            Pool pool,
            DatabaseWork db,
            Sizing single,
            List<Decision> decisions,
            List<Finding> findings,
            Optional<Plan> deployed) {
        public ServicePlan {
            java.util.Objects.requireNonNull(shape, "shape");
            java.util.Objects.requireNonNull(replicas, "replicas");
            java.util.Objects.requireNonNull(pool, "pool");
            java.util.Objects.requireNonNull(db, "db");
            decisions = List.copyOf(decisions);
            findings = List.copyOf(findings);
        }

        /**
         * What one replica is.
         *
         * @param capacityType the node type its pods run on, or its Fargate task size; empty when no plan
         * @param podCpuMillicores the service container's CPU request (on Fargate its share of the
         *     task); the sidecars' are apart
         * @param taskCpuUnits Fargate: the task's CPU units with the sidecars; 0 on EKS
         */
        public record Shape(
                String capacityType,
                int podCpuMillicores,
                int podMemoryMib,
                int sidecarCpuMillicores,
                int sidecarMemoryMib,
                int taskCpuUnits,
                int taskMemoryMib) {
            public Shape {
                java.util.Objects.requireNonNull(capacityType, "capacityType");
            }
        }

        /**
         * Replica counts and the autoscaler's target.
         *
         * @param min replicas always running (the team's lower bound, when higher)
         * @param forPeak replicas that carry the peak at the CPU target, without the spare
         * @param atPeak replicas running at the peak, with the spare that rides out the loss
         * @param max the autoscaler's bound (the team's, when it carries the peak)
         * @param cpuTargetUtilization what the autoscaler is set to: of the service container's CPU
         *     request on EKS, of the task's CPU on Fargate
         */
        public record Replicas(int min, int forPeak, int atPeak, int max, double cpuTargetUtilization) {}

        /**
         * Connections per replica.
         *
         * @param connectionsPerReplica the pool the connection budget counts: the team's when given,
         *     else the sizer's
         * @param sizedConnectionsPerReplica the sizer's pool (Little's law and Erlang C on the
         *     measured hold time)
         */
        public record Pool(int connectionsPerReplica, int sizedConnectionsPerReplica) {}

        public boolean planned() {
            return !shape.capacityType().isEmpty();
        }

        public String capacityType() {
            return shape.capacityType();
        }

        public int podCpuMillicores() {
            return shape.podCpuMillicores();
        }

        public int podMemoryMib() {
            return shape.podMemoryMib();
        }

        public int sidecarCpuMillicores() {
            return shape.sidecarCpuMillicores();
        }

        public int sidecarMemoryMib() {
            return shape.sidecarMemoryMib();
        }

        public int taskCpuUnits() {
            return shape.taskCpuUnits();
        }

        public int taskMemoryMib() {
            return shape.taskMemoryMib();
        }

        public int minReplicas() {
            return replicas.min();
        }

        public int replicasForPeak() {
            return replicas.forPeak();
        }

        public int replicasAtPeak() {
            return replicas.atPeak();
        }

        public int maxReplicas() {
            return replicas.max();
        }

        public double cpuTargetUtilization() {
            return replicas.cpuTargetUtilization();
        }

        public int poolSize() {
            return pool.connectionsPerReplica();
        }

        public int sizedPoolSize() {
            return pool.sizedConnectionsPerReplica();
        }

        /** The database it connects to; empty when it has none. */
        public Optional<String> database() {
            return db.database();
        }

        /** This plan with one more decision, and a finding when {@code finding} is not null. */
        public ServicePlan with(Decision decision, Finding finding) {
            List<Decision> d = new java.util.ArrayList<>(decisions);
            d.add(decision);
            List<Finding> f = new java.util.ArrayList<>(findings);
            if (finding != null) f.add(finding);
            return new ServicePlan(name, shape, replicas, pool, db, single, d, f, deployed);
        }
    }

    /**
     * One service's work on its database, in cores of the test host, from its measured database
     * demand U = U0 + X D (ServiceDemand). The two terms have different scopes: X D is this service's
     * requests, and adds up over the services of a database; U0 is the database server's CPU at no
     * load (its own background: purge, checkpoints, statistics), which a run measures with one
     * service in front of it but which a shared database pays once per instance, not once per
     * service. NaN when the run did not measure the database's CPU.
     *
     * @param database the database it connects to; empty when it has none
     * @param requestCoresAtPeak X D at the service's peak: its requests' database CPU, without U0
     * @param requestCoresAtBaseline X D at its baseline (at the peak when it has none)
     * @param backgroundCoresPerInstance U0 as this service's run measured it, per database instance
     * @param readShare the share of its requests' database work that is reads; NaN when neither
     *     measured nor declared
     * @param readShareBasis measured (where) or declared
     */
    public record DatabaseWork(
            Optional<String> database,
            double requestCoresAtPeak,
            double requestCoresAtBaseline,
            double backgroundCoresPerInstance,
            double readShare,
            String readShareBasis) {
        public DatabaseWork {
            java.util.Objects.requireNonNull(database, "database");
            java.util.Objects.requireNonNull(readShareBasis, "readShareBasis");
        }

        /** Whether the run measured the database's CPU. */
        public boolean measured() {
            return !Double.isNaN(requestCoresAtPeak);
        }

        /** The reads' share of its requests' work, 0 when unknown (all on the writer). */
        public double readShareOrZero() {
            return Double.isNaN(readShare) ? 0 : readShare;
        }
    }

    /**
     * The shared node group: one type, counts at the min, the peak and the max of every service.
     *
     * @param layoutAtPeak the pods on each node at the peak, by service
     */
    public record NodeGroupPlan(
            String name,
            String instanceType,
            int nodesMin,
            int nodesAtPeak,
            int nodesMax,
            List<Map<String, Integer>> layoutAtPeak,
            int daemonCpuMillicores,
            int daemonMemoryMib,
            int daemonPods,
            double usdPerMonth,
            List<String> rejected,
            List<Decision> decisions,
            List<Finding> findings) {
        public NodeGroupPlan {
            layoutAtPeak = List.copyOf(layoutAtPeak);
            rejected = List.copyOf(rejected);
            decisions = List.copyOf(decisions);
            findings = List.copyOf(findings);
        }
    }

    /**
     * One database: its class, read replicas and connection budget.
     *
     * @param dbClass the writer's class; empty when none fits or its CPU was not measured
     * @param writeCoresAtPeak the services' write work at their peaks, without the background
     * @param readCoresAtPeak the services' read work at their peaks, without the background
     * @param backgroundCoresPerInstance the database server's own CPU at no load, which the writer
     *     and each read replica carry once: the largest any connecting service's run measured
     * @param maxConnections the limit the budget was checked against; 0 when unknown
     * @param connectionsNeeded every connecting service's (max + surge) x pool, plus reserved
     * @param budget one line per service: its share of the budget
     * @param fixes what would bring an exceeded budget within max_connections, each checked
     * @param usdPerMonth the writer (with its standby when Multi-AZ) and the replicas
     */
    public record DatabasePlan(
            String name,
            Engine engine,
            boolean multiAz,
            Optional<String> dbClass,
            int readReplicas,
            double writeCoresAtPeak,
            double readCoresAtPeak,
            double backgroundCoresPerInstance,
            int maxConnections,
            String maxConnectionsBasis,
            int connectionsNeeded,
            List<String> budget,
            List<String> fixes,
            double writerUsdPerMonth,
            double replicasUsdPerMonth,
            List<String> rejected,
            List<Decision> decisions,
            List<Finding> findings) {
        public DatabasePlan {
            budget = List.copyOf(budget);
            fixes = List.copyOf(fixes);
            rejected = List.copyOf(rejected);
            decisions = List.copyOf(decisions);
            findings = List.copyOf(findings);
        }

        public double usdPerMonth() {
            if (Double.isNaN(writerUsdPerMonth)) return Double.NaN;
            return writerUsdPerMonth + (readReplicas == 0 ? 0 : replicasUsdPerMonth);
        }

        public boolean budgetFits() {
            return maxConnections == 0 || connectionsNeeded <= maxConnections;
        }
    }
}
