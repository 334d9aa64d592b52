package dev.headroom.sizing;

/**
 * An ECS task size Fargate accepts; {@link FargateTaskSizes} holds the valid ones.
 *
 * @param cpuUnits 1024 units per vCPU, as a task definition writes them (256 = 0.25 vCPU)
 * @param memoryMib as a task definition writes it (AWS's "GB" in this table is 1024 MiB)
 */
public record FargateTaskSize(int cpuUnits, int memoryMib) {
    public static final int CPU_UNITS_PER_VCPU = 1024;

    public FargateTaskSize {
        if (cpuUnits < 1) throw new IllegalArgumentException("cpuUnits must be >= 1, was " + cpuUnits);
        if (memoryMib < 1) throw new IllegalArgumentException("memoryMib must be >= 1, was " + memoryMib);
    }

    public double vcpus() {
        return (double) cpuUnits / CPU_UNITS_PER_VCPU;
    }

    public double memoryGib() {
        return memoryMib / 1024.0;
    }

    @Override
    public String toString() {
        return vcpus() + " vCPU / " + memoryGib() + " GiB";
    }
}
