package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Plans and requests built by hand, one typical of each platform, with every figure present;
 * tests take one away to see what a plan that lacks it gives.
 */
public final class PlanFixtures {
    private PlanFixtures() {}

    /** A request that must survive the loss of a zone, of three. */
    public static SizingRequest request(Platform platform) {
        return request(platform, SizingRequest.FailureDomain.ZONE);
    }

    public static SizingRequest request(Platform platform, SizingRequest.FailureDomain survive) {
        return new SizingRequest(
                1000,
                300,
                0.10,
                new SizingRequest.SloTarget(Double.NaN, 0.5, Double.NaN, 0.01),
                platform,
                "us-east-1",
                3,
                survive,
                new SizingRequest.InstanceFilter(List.of(), List.of(), List.of()),
                new SizingRequest.TestHost(Optional.empty(), Double.NaN),
                new SizingRequest.DatabaseRequest(List.of(), OptionalInt.empty(), 5, 0.75),
                new SizingRequest.ReplicaRequest(Double.NaN, Double.NaN, 0.2),
                new SizingRequest.ScalingTimes(15, 15, 60, 180, 10),
                Optional.empty());
    }

    /** Three pods of 0.5 CPU per m7g.large node, 3..12 replicas on 2..5 nodes. */
    public static Builder eks() {
        Builder b = new Builder(Platform.EKS, "m7g.large");
        b.cpuCores = 0.5;
        b.memoryMib = 768;
        b.replicasPerNode = 3;
        b.minReplicas = 3;
        b.replicasForPeak = 9;
        b.maxReplicas = 12;
        b.nodesMin = 2;
        b.nodesForPeak = 4;
        b.nodesMax = 5;
        return b;
    }

    /** One JVM per c7g.large; the node counts carry a spare instance the replica counts do not. */
    public static Builder ec2() {
        Builder b = new Builder(Platform.EC2_ASG, "c7g.large");
        b.cpuCores = 2;
        b.memoryMib = 1500;
        b.minReplicas = 2;
        b.replicasForPeak = 5;
        b.maxReplicas = 6;
        b.nodesMin = 2;
        b.nodesForPeak = 6;
        b.nodesMax = 7;
        return b;
    }

    /** Half-vCPU tasks that measured 700 MiB. */
    public static Builder fargate() {
        Builder b = new Builder(Platform.ECS_FARGATE, "0.5 vCPU");
        b.cpuCores = 0.5;
        b.memoryMib = 700;
        b.minReplicas = 2;
        b.replicasForPeak = 5;
        b.maxReplicas = 6;
        b.nodesMin = 2;
        b.nodesForPeak = 5;
        b.nodesMax = 6;
        return b;
    }

    public static Builder of(Platform platform) {
        return switch (platform) {
            case EKS -> eks();
            case EC2_ASG -> ec2();
            case ECS_FARGATE -> fargate();
        };
    }

    public static final class Builder {
        private final Platform platform;
        private final String capacityType;
        private double cpuCores;
        private double memoryMib;
        private int replicasPerNode = 1;
        private int minReplicas;
        private int replicasForPeak;
        private int maxReplicas;
        private int nodesMin;
        private int nodesForPeak;
        private int nodesMax;
        private double cpuTarget = 0.7;
        private int poolSize = 8;
        private String dbClass = "db.t4g.medium";
        private int dbMaxConnections = 341;
        private final List<String> violations = new ArrayList<>();

        private Builder(Platform platform, String capacityType) {
            this.platform = platform;
            this.capacityType = capacityType;
        }

        public Builder cpuCores(double cores) {
            this.cpuCores = cores;
            return this;
        }

        public Builder memoryMib(double mib) {
            this.memoryMib = mib;
            return this;
        }

        public Builder replicas(int min, int forPeak, int max) {
            this.minReplicas = min;
            this.replicasForPeak = forPeak;
            this.maxReplicas = max;
            return this;
        }

        public Builder nodes(int min, int forPeak, int max) {
            this.nodesMin = min;
            this.nodesForPeak = forPeak;
            this.nodesMax = max;
            return this;
        }

        public Builder cpuTarget(double utilization) {
            this.cpuTarget = utilization;
            return this;
        }

        public Builder poolSize(int size) {
            this.poolSize = size;
            return this;
        }

        public Builder db(String dbClass, int maxConnections) {
            this.dbClass = dbClass;
            this.dbMaxConnections = maxConnections;
            return this;
        }

        public Builder violation(String violation) {
            violations.add(violation);
            return this;
        }

        public Plan build() {
            int surge = Rollout.surgeReplicas(platform, maxReplicas);
            return Plan.builder()
                    .platform(platform)
                    .capacityType(capacityType)
                    .replicaCpuCores(cpuCores)
                    .replicaMemoryMib(memoryMib)
                    .replicasPerNode(replicasPerNode)
                    .replicasPerNodeLimitedBy("cpu")
                    .minReplicas(minReplicas)
                    .replicasForPeak(replicasForPeak)
                    .maxReplicas(maxReplicas)
                    .nodesMin(nodesMin)
                    .nodesForPeak(nodesForPeak)
                    .nodesMax(nodesMax)
                    .cpuTargetUtilization(cpuTarget)
                    .poolSize(poolSize)
                    .dbClass(dbClass)
                    .dbMaxConnections(dbMaxConnections)
                    .connectionsNeeded(ConnectionPool.connectionsNeeded(maxReplicas, surge, poolSize, 5))
                    .sustainedUtilization(0.5)
                    .cost(new Plan.Cost(100, 73, 50, 0))
                    .violations(violations)
                    .reasons(Plan.Reasons.NONE)
                    .build();
        }
    }
}
