package dev.headroom.sizing;

import java.util.Optional;

/**
 * What every candidate plan is built from: the measured models, the replica's shape and the
 * utilizations the autoscaling decision settled on.
 *
 * @param appDemand the service's CPU cost per request on the test host
 * @param dbDemand the database's, when measured
 * @param connHoldSeconds how long a request holds a connection; NaN when not measured
 * @param replicaCpuCores the CPU request (and limit) of one replica
 * @param replicaMemoryMib its memory; plans are made only when it is known (measured or requested)
 * @param ceilingUtilization the CPU utilization at which the SLO still held
 * @param targetUtilization the autoscaling target
 * @param testCoremarkPerVcpu the test host's CPU speed; NaN when unknown (speed factor 1)
 */
public record PlanInputs(
        SizingRequest request,
        ServiceDemand appDemand,
        Optional<ServiceDemand> dbDemand,
        double connHoldSeconds,
        double replicaCpuCores,
        double replicaMemoryMib,
        double ceilingUtilization,
        double targetUtilization,
        double testCoremarkPerVcpu) {

    public PlanInputs {
        if (!(replicaMemoryMib > 0) || Double.isInfinite(replicaMemoryMib))
            throw new IllegalArgumentException("a plan needs the replica's memory, was " + replicaMemoryMib);
    }

    /** The replica's memory in whole MiB, rounded up: what a node or a task must hold. */
    public int replicaMemoryMibWhole() {
        return (int) Math.ceil(replicaMemoryMib);
    }

    /**
     * The CPU speed factor of a type against the test host, from per-vCPU CoreMark (an integer
     * benchmark, not a JVM workload: an estimate, which the request can pin by declaring the test
     * host). 1 when the test host's speed is unknown.
     */
    public double speedOf(double coremarkPerVcpu) {
        return speed(testCoremarkPerVcpu, coremarkPerVcpu);
    }

    /** A type's per-vCPU CoreMark over the test host's; 1 when either is unknown. */
    static double speed(double testCoremarkPerVcpu, double coremarkPerVcpu) {
        if (Double.isNaN(testCoremarkPerVcpu) || Double.isNaN(coremarkPerVcpu)) return 1.0;
        return coremarkPerVcpu / testCoremarkPerVcpu;
    }

    /** Requests per second one replica of {@code cores} carries at the autoscaling target. */
    public double rpsAtTarget(double cores, double speed) {
        return appDemand.rpsAt(cores, targetUtilization, speed);
    }

    /** Requests per second one replica of {@code cores} carries at the SLO's ceiling. */
    public double rpsAtCeiling(double cores, double speed) {
        return appDemand.rpsAt(cores, ceilingUtilization, speed);
    }
}
