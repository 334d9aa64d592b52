package dev.headroom.sizing;

import java.util.List;
import java.util.Objects;

/**
 * One candidate deployment: the replica, how many, on what, with which pool and database, and what
 * it costs. A plan with violations was considered and rejected; they say why.
 *
 * @param capacityType the EC2 type of the nodes or instances, or the Fargate task size
 * @param replicasPerNode 1 on EC2 (one JVM per instance) and Fargate (one task per task)
 * @param replicasPerNodeLimitedBy cpu, memory or max_pods: what stopped one more replica fitting
 * @param replicasForPeak replicas that carry the peak at the CPU target
 * @param nodesForPeak nodes (or instances, or tasks) at the peak, including the spare that rides out
 *     the failure the request names
 * @param cpuTargetUtilization the autoscaling target, a fraction of the replica's CPU request
 * @param minReplicas replicas always running: with {@code survive: node|zone} the count that rides out
 *     the loss at the peak, so the spare that is costed is the spare that runs
 * @param sustainedUtilization the node CPU utilization the plan runs at for most of the day
 * @param dbClass the RDS class, or empty when the database was not sized (its CPU not measured)
 * @param dbMaxConnections the max_connections the budget was checked against; 0 when none is known
 * @param reasons why the pool and the database are what they are
 */
public record Plan(
        Platform platform,
        String capacityType,
        double replicaCpuCores,
        double replicaMemoryMib,
        int replicasPerNode,
        String replicasPerNodeLimitedBy,
        int minReplicas,
        int replicasForPeak,
        int maxReplicas,
        int nodesMin,
        int nodesForPeak,
        int nodesMax,
        double cpuTargetUtilization,
        int poolSize,
        String dbClass,
        int dbMaxConnections,
        int connectionsNeeded,
        double sustainedUtilization,
        Cost cost,
        List<String> violations,
        Reasons reasons) {

    public Plan {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(capacityType, "capacityType");
        Objects.requireNonNull(cost, "cost");
        violations = List.copyOf(violations);
        reasons = reasons == null ? Reasons.NONE : reasons;
    }

    /**
     * A plan built by name, so that none of its eleven counts can trade places with a neighbour of
     * the same type: an unset figure is NaN, an unset count 0, no violations and no reasons; the
     * platform, the capacity type and the cost must be set.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Plan} field by field; checked as a whole by its constructor. */
    public static final class Builder {
        private Platform platform = null;
        private String capacityType = null;
        private double replicaCpuCores = Double.NaN;
        private double replicaMemoryMib = Double.NaN;
        private int replicasPerNode = 0;
        private String replicasPerNodeLimitedBy = null;
        private int minReplicas = 0;
        private int replicasForPeak = 0;
        private int maxReplicas = 0;
        private int nodesMin = 0;
        private int nodesForPeak = 0;
        private int nodesMax = 0;
        private double cpuTargetUtilization = Double.NaN;
        private int poolSize = 0;
        private String dbClass = null;
        private int dbMaxConnections = 0;
        private int connectionsNeeded = 0;
        private double sustainedUtilization = Double.NaN;
        private Cost cost = null;
        private List<String> violations = List.of();
        private Reasons reasons = Reasons.NONE;

        private Builder() {}

        public Builder platform(Platform v) {
            platform = v;
            return this;
        }

        public Builder capacityType(String v) {
            capacityType = v;
            return this;
        }

        public Builder replicaCpuCores(double v) {
            replicaCpuCores = v;
            return this;
        }

        public Builder replicaMemoryMib(double v) {
            replicaMemoryMib = v;
            return this;
        }

        public Builder replicasPerNode(int v) {
            replicasPerNode = v;
            return this;
        }

        public Builder replicasPerNodeLimitedBy(String v) {
            replicasPerNodeLimitedBy = v;
            return this;
        }

        public Builder minReplicas(int v) {
            minReplicas = v;
            return this;
        }

        public Builder replicasForPeak(int v) {
            replicasForPeak = v;
            return this;
        }

        public Builder maxReplicas(int v) {
            maxReplicas = v;
            return this;
        }

        public Builder nodesMin(int v) {
            nodesMin = v;
            return this;
        }

        public Builder nodesForPeak(int v) {
            nodesForPeak = v;
            return this;
        }

        public Builder nodesMax(int v) {
            nodesMax = v;
            return this;
        }

        public Builder cpuTargetUtilization(double v) {
            cpuTargetUtilization = v;
            return this;
        }

        public Builder poolSize(int v) {
            poolSize = v;
            return this;
        }

        public Builder dbClass(String v) {
            dbClass = v;
            return this;
        }

        public Builder dbMaxConnections(int v) {
            dbMaxConnections = v;
            return this;
        }

        public Builder connectionsNeeded(int v) {
            connectionsNeeded = v;
            return this;
        }

        public Builder sustainedUtilization(double v) {
            sustainedUtilization = v;
            return this;
        }

        public Builder cost(Cost v) {
            cost = v;
            return this;
        }

        public Builder violations(List<String> v) {
            violations = v;
            return this;
        }

        public Builder reasons(Reasons v) {
            reasons = v;
            return this;
        }

        public Plan build() {
            return new Plan(
                    platform,
                    capacityType,
                    replicaCpuCores,
                    replicaMemoryMib,
                    replicasPerNode,
                    replicasPerNodeLimitedBy,
                    minReplicas,
                    replicasForPeak,
                    maxReplicas,
                    nodesMin,
                    nodesForPeak,
                    nodesMax,
                    cpuTargetUtilization,
                    poolSize,
                    dbClass,
                    dbMaxConnections,
                    connectionsNeeded,
                    sustainedUtilization,
                    cost,
                    violations,
                    reasons);
        }
    }

    /**
     * The reasoning behind the pool and the database of one plan, for sizing.json and the report.
     *
     * @param poolBasis Little's law and Erlang C for one replica, or why the tested pool was kept
     * @param connectionsPerReplica connections one replica keeps busy at its highest in-SLO rate (erlangs)
     * @param activeConnectionsAtPeak connections busy at once across every replica at the peak
     * @param dbUsefulActiveConnections (physical cores x 2) of the chosen class; 0 without a class
     * @param dbBasis why this DB class, or why none
     * @param dbRejected each cheaper class passed over, and why
     */
    public record Reasons(
            String poolBasis,
            double connectionsPerReplica,
            double activeConnectionsAtPeak,
            int dbUsefulActiveConnections,
            String dbBasis,
            List<String> dbRejected) {
        public static final Reasons NONE = new Reasons("", Double.NaN, Double.NaN, 0, "", List.of());

        public Reasons {
            poolBasis = poolBasis == null ? "" : poolBasis;
            dbBasis = dbBasis == null ? "" : dbBasis;
            dbRejected = List.copyOf(dbRejected);
        }
    }

    public boolean feasible() {
        return violations.isEmpty();
    }

    /**
     * Monthly cost in USD at 730 hours a month (AWS's own convention in its pricing calculator),
     * with the plan at its peak size all month: an upper bound, the same for every plan. NaN parts
     * have no price.
     */
    public record Cost(
            double computeUsdPerMonth,
            double controlPlaneUsdPerMonth,
            double databaseUsdPerMonth,
            double burstCreditsUsdPerMonth) {
        public static final double HOURS_PER_MONTH = 730;

        /** The sum of the priced parts; NaN when the compute itself has no price. */
        public double totalUsdPerMonth() {
            if (Double.isNaN(computeUsdPerMonth)) return Double.NaN;
            return computeUsdPerMonth
                    + orZero(controlPlaneUsdPerMonth)
                    + orZero(databaseUsdPerMonth)
                    + orZero(burstCreditsUsdPerMonth);
        }

        /** Whether every part has a price, so totals of different plans compare like with like. */
        public boolean complete() {
            return !Double.isNaN(computeUsdPerMonth)
                    && !Double.isNaN(controlPlaneUsdPerMonth)
                    && !Double.isNaN(databaseUsdPerMonth);
        }

        private static double orZero(double v) {
            return Double.isNaN(v) ? 0 : v;
        }
    }
}
