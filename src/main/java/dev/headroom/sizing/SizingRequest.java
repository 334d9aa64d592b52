package dev.headroom.sizing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the user wants sized: the load to carry, the SLO, the platform and its limits. Built (and
 * checked field by field, with file and line) by the request reader; the compact constructors
 * here only guard the model's own invariants.
 *
 * @param peakRps the highest request rate to carry within the SLO; NaN when not given (no plan is made)
 * @param baselineRps the everyday load, which sets min replicas; NaN when not given
 * @param growthPerMinute how fast load can grow, as a fraction of itself per minute (0.1 = +10 %/min)
 * @param survive the failure the plan must ride out at the peak within the SLO
 */
public record SizingRequest(
        double peakRps,
        double baselineRps,
        double growthPerMinute,
        SloTarget slo,
        Platform platform,
        String region,
        int availabilityZones,
        FailureDomain survive,
        InstanceFilter instances,
        TestHost testHost,
        DatabaseRequest database,
        ReplicaRequest replica,
        ScalingTimes scaling,
        Optional<CurrentPlan> currentPlan) {

    public SizingRequest {
        if (!Double.isNaN(peakRps) && (!(peakRps > 0) || Double.isInfinite(peakRps)))
            throw new IllegalArgumentException("peak rps must be > 0");
        if (baselineRps < 0 || baselineRps > peakRps)
            throw new IllegalArgumentException("baseline rps must be between 0 and the peak");
        if (!(growthPerMinute >= 0)) throw new IllegalArgumentException("growth per minute must be >= 0");
        if (availabilityZones < 1 || availabilityZones > 6)
            throw new IllegalArgumentException("availability zones must be 1..6");
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(survive, "survive");
        Objects.requireNonNull(instances, "instances");
        Objects.requireNonNull(testHost, "testHost");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(currentPlan, "currentPlan");
    }

    /** Whether a peak was given: plans need one; capacity, the knee, the USL and demand do not. */
    public boolean hasPeak() {
        return !Double.isNaN(peakRps);
    }

    /** The SLO a step must meet to count; NaN fields are not part of it. */
    public record SloTarget(double meanSeconds, double p95Seconds, double p99Seconds, double maxErrorRatio) {
        public SloTarget {
            if (meanSeconds <= 0 || p95Seconds <= 0 || p99Seconds <= 0)
                throw new IllegalArgumentException("latency SLOs must be > 0");
            if (maxErrorRatio < 0 || maxErrorRatio > 1)
                throw new IllegalArgumentException("the error ratio SLO must be in [0, 1]");
        }

        /** A scenario's SLO, which has no mean: p95 and p99 in milliseconds, the error ratio. */
        public static SloTarget ofMillis(double p95Ms, double p99Ms, double maxErrorRatio) {
            return new SloTarget(Double.NaN, p95Ms / 1000, p99Ms / 1000, maxErrorRatio);
        }

        public boolean isEmpty() {
            return Double.isNaN(meanSeconds)
                    && Double.isNaN(p95Seconds)
                    && Double.isNaN(p99Seconds)
                    && Double.isNaN(maxErrorRatio);
        }
    }

    public enum FailureDomain {
        NONE,
        NODE,
        ZONE
    }

    /** Which instance types may be chosen; empty lists allow all. */
    public record InstanceFilter(List<String> families, List<String> architectures, List<String> types) {
        public InstanceFilter {
            families = List.copyOf(families);
            architectures = List.copyOf(architectures);
            types = List.copyOf(types);
        }

        public boolean allows(String type, String family, String arch) {
            return (families.isEmpty() || families.contains(family))
                    && (architectures.isEmpty() || architectures.contains(arch))
                    && (types.isEmpty() || types.contains(type));
        }
    }

    /**
     * What the test ran on, for the CPU speed factor: an equivalent EC2 type, or its per-vCPU
     * CoreMark, or a speed factor the user measured; all empty means unknown.
     */
    public record TestHost(Optional<String> equivalentInstanceType, double coremarkPerVcpu) {
        public TestHost {
            Objects.requireNonNull(equivalentInstanceType, "equivalentInstanceType");
            if (coremarkPerVcpu <= 0) throw new IllegalArgumentException("coremark per vCPU must be > 0");
        }
    }

    /**
     * @param classes candidate RDS classes; empty means every class in the catalog
     * @param maxConnections the parameter group's max_connections, when the user overrides the default
     * @param reservedConnections connections other clients hold (batch jobs, admin, migrations)
     * @param targetCpuUtilization the highest sustained DB CPU the plan may run at
     */
    public record DatabaseRequest(
            List<String> classes, OptionalInt maxConnections, int reservedConnections, double targetCpuUtilization) {
        public DatabaseRequest {
            classes = List.copyOf(classes);
            if (reservedConnections < 0) throw new IllegalArgumentException("reserved connections must be >= 0");
            if (!(targetCpuUtilization > 0 && targetCpuUtilization <= 1))
                throw new IllegalArgumentException("DB target CPU utilization must be in (0, 1]");
        }
    }

    /**
     * The replica's resources: NaN means "as measured" (the tested CPU budget, the measured memory).
     *
     * @param maxHeadroom extra max replicas above the peak's need, for load beyond the forecast
     */
    public record ReplicaRequest(double cpuCores, double memoryMib, double maxHeadroom) {
        public ReplicaRequest {
            if (cpuCores <= 0 || memoryMib <= 0) throw new IllegalArgumentException("replica resources must be > 0");
            if (!(maxHeadroom >= 0)) throw new IllegalArgumentException("max headroom must be >= 0");
        }
    }

    /**
     * The delays between load rising and new capacity serving it, besides the service's measured
     * start-up. Defaults come from the Kubernetes and AWS documentation (see the request reader).
     */
    public record ScalingTimes(
            double metricIntervalSeconds,
            double controllerSyncSeconds,
            double nodeStartSeconds,
            double alarmSeconds,
            double serviceStartSeconds) {
        public ScalingTimes {
            for (double v : new double[] {
                metricIntervalSeconds, controllerSyncSeconds, nodeStartSeconds, alarmSeconds, serviceStartSeconds
            }) if (v < 0) throw new IllegalArgumentException("scaling times must be >= 0");
        }
    }

    /**
     * The user's current plan, checked against the measurements.
     *
     * @param nodes how many nodes or instances of {@code instanceType} run today, when given
     */
    public record CurrentPlan(
            Optional<String> instanceType,
            OptionalInt minReplicas,
            OptionalInt maxReplicas,
            OptionalInt poolSize,
            Optional<String> dbClass,
            OptionalInt dbMaxConnections,
            double cpuTargetUtilization,
            OptionalInt nodes) {
        public CurrentPlan {
            Objects.requireNonNull(instanceType, "instanceType");
            Objects.requireNonNull(dbClass, "dbClass");
            if (cpuTargetUtilization <= 0 || cpuTargetUtilization > 1)
                throw new IllegalArgumentException("the plan's CPU target must be in (0, 1]");
            Objects.requireNonNull(nodes, "nodes");
            if (nodes.isPresent() && nodes.getAsInt() < 1) throw new IllegalArgumentException("nodes must be >= 1");
        }
    }
}
