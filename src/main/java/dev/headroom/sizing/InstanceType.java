package dev.headroom.sizing;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One EC2 instance type as the sizer needs it. Where each figure comes from is in
 * {@code catalog/SOURCES.md}, next to the bundled {@code ec2-instance-facts.csv}.
 *
 * @param name the EC2 name, {@code <family>.<size>}: {@code t3.medium}
 * @param family the part before the dot: {@code t3}
 * @param vcpus nominal vCPUs
 * @param memoryGib nominal memory in GiB, as AWS lists it
 * @param measuredMemoryMib memory the operating system saw on a running instance, always below
 *     nominal: it is what the kubelet reports as the node's memory capacity
 * @param baselineCpuFraction sustained CPU per vCPU without spending credits, from 0 (exclusive) to
 *     1; exactly 1 for fixed-performance types
 * @param eksMaxPods pods per node with the VPC CNI in secondary-IP mode: ENIs x (IPv4 per ENI - 1) + 2
 * @param coremarkPerVcpu CoreMark iterations per second of the whole instance divided by its vCPUs;
 *     an integer benchmark, so a speed factor derived from it is an estimate, not a JVM measurement
 */
public record InstanceType(
        String name,
        String family,
        Arch arch,
        int vcpus,
        double memoryGib,
        int measuredMemoryMib,
        double baselineCpuFraction,
        int eksMaxPods,
        double coremarkPerVcpu) {

    /** The burstable families in the catalog: they earn CPU credits and run in unlimited mode by default. */
    public static final Set<String> BURSTABLE_FAMILIES = Set.of("t3", "t3a", "t4g");

    /**
     * Unlimited mode bills vCPU-hours above baseline (averaged over 24 h) at this rate. Reported in
     * secondary sources only (see catalog/SOURCES.md): AWS's own pricing page could not be
     * confirmed, so the sizer must print it as an estimate.
     */
    private static final double T3_SURPLUS_CREDIT_USD_PER_VCPU_HOUR = 0.05;

    /** As {@link #T3_SURPLUS_CREDIT_USD_PER_VCPU_HOUR}, for Graviton T4g; secondary sources only. */
    private static final double T4G_SURPLUS_CREDIT_USD_PER_VCPU_HOUR = 0.04;

    public InstanceType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(arch, "arch");
        if (!name.startsWith(family + ".") || name.length() == family.length() + 1) {
            throw new IllegalArgumentException("name must be <family>.<size> with family " + family + ", was " + name);
        }
        if (vcpus < 1) throw new IllegalArgumentException(name + ": vcpus must be >= 1, was " + vcpus);
        if (!(memoryGib > 0) || Double.isInfinite(memoryGib)) {
            throw new IllegalArgumentException(name + ": memoryGib must be > 0, was " + memoryGib);
        }
        if (measuredMemoryMib < 1 || measuredMemoryMib > memoryGib * 1024) {
            throw new IllegalArgumentException(name + ": measuredMemoryMib must be from 1 to the nominal "
                    + memoryGib * 1024 + " MiB, was " + measuredMemoryMib);
        }
        if (!(baselineCpuFraction > 0 && baselineCpuFraction <= 1)) {
            throw new IllegalArgumentException(
                    name + ": baselineCpuFraction must be > 0 and <= 1, was " + baselineCpuFraction);
        }
        if (!BURSTABLE_FAMILIES.contains(family) && baselineCpuFraction != 1) {
            throw new IllegalArgumentException(name + ": a fixed-performance type has baselineCpuFraction 1, was "
                    + baselineCpuFraction + "; burstable families: " + BURSTABLE_FAMILIES);
        }
        // two host-network pods (aws-node, kube-proxy) are always counted on top of the ENI slots
        if (eksMaxPods < 2) throw new IllegalArgumentException(name + ": eksMaxPods must be >= 2, was " + eksMaxPods);
        if (!(coremarkPerVcpu > 0) || Double.isInfinite(coremarkPerVcpu)) {
            throw new IllegalArgumentException(name + ": coremarkPerVcpu must be > 0, was " + coremarkPerVcpu);
        }
    }

    public boolean burstable() {
        return BURSTABLE_FAMILIES.contains(family);
    }

    /**
     * Physical CPU cores. "Each vCPU is a thread of a CPU core, except for T2 instances and
     * instances powered by AWS Graviton processors" (Amazon EC2 User Guide, "CPU options for Amazon
     * EC2 instances"): two vCPUs per core on the catalog's Intel and AMD types (no T2 is in it),
     * one on Graviton. An RDS class runs on the hardware of the EC2 type of its name.
     */
    public int physicalCores() {
        return arch == Arch.ARM64 ? vcpus : Math.max(1, vcpus / 2);
    }

    public int memoryMib() {
        return (int) Math.round(memoryGib * 1024);
    }

    /** CPU the instance can sustain all day without surplus charges, in vCPUs. */
    public double baselineVcpus() {
        return vcpus * baselineCpuFraction;
    }

    /**
     * What unlimited mode bills per vCPU-hour above baseline; empty for fixed-performance types. An
     * estimate from secondary sources (0.05 USD for T3/T3a, 0.04 USD for T4g), to be labelled so.
     */
    public OptionalDouble surplusCreditUsdPerVcpuHour() {
        if (!burstable()) return OptionalDouble.empty();
        return OptionalDouble.of(
                family.equals("t4g") ? T4G_SURPLUS_CREDIT_USD_PER_VCPU_HOUR : T3_SURPLUS_CREDIT_USD_PER_VCPU_HOUR);
    }

    /**
     * Unlimited mode's surplus credits, USD a month, for {@code nodes} instances of this type
     * running at {@code sustainedUtilization} of their vCPUs for most of the day: (u - baseline) x
     * vCPUs x nodes x hours a month x the surplus rate. NaN when there is nothing to pay: a
     * fixed-performance type, or a burstable one at or below its baseline. The one rule the
     * single-service plans and the system's node groups both apply.
     */
    public double surplusCreditUsdPerMonth(double sustainedUtilization, int nodes) {
        if (!burstable() || !(sustainedUtilization > baselineCpuFraction)) return Double.NaN;
        double surplusVcpuHours =
                (sustainedUtilization - baselineCpuFraction) * vcpus * nodes * Plan.Cost.HOURS_PER_MONTH;
        return surplusVcpuHours * surplusCreditUsdPerVcpuHour().orElse(Double.NaN);
    }
}
