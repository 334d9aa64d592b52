package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The CPU and memory combinations an ECS task on Fargate may have. Anything else is refused at
 * registration ("No Fargate configuration exists for given values"), so a task is sized up to the
 * next valid one.
 *
 * <p>0.25 vCPU: 0.5, 1 or 2 GB; 0.5 vCPU: 1 to 4 GB; 1 vCPU: 2 to 8 GB; 2 vCPU: 4 to 16 GB; 4 vCPU: 8
 * to 30 GB, all in 1 GB steps; 8 vCPU: 16 to 60 GB in 4 GB steps and 16 vCPU: 32 to 120 GB in 8 GB
 * steps (both need Linux platform 1.4.0 or later). GB here is 1024 MiB.
 *
 * @see "https://docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html"
 * @see "Amazon ECS API Reference, RegisterTaskDefinition, memory"
 */
public final class FargateTaskSizes {
    private static final int GB_MIB = 1024;

    private static final List<FargateTaskSize> ALL = build();

    private FargateTaskSizes() {}

    /** Every valid size, by CPU and then memory. */
    public static List<FargateTaskSize> all() {
        return ALL;
    }

    public static boolean isValid(FargateTaskSize size) {
        return ALL.contains(size);
    }

    /**
     * The smallest valid size with at least this CPU and memory: the least CPU, and at that CPU the
     * least memory, since a vCPU-hour costs several times a GB-hour. Empty above 16 vCPU or 120 GB.
     */
    public static Optional<FargateTaskSize> smallestFitting(double vcpus, int memoryMib) {
        if (!(vcpus > 0) || Double.isInfinite(vcpus)) {
            throw new IllegalArgumentException("vcpus must be > 0, was " + vcpus);
        }
        if (memoryMib < 1) throw new IllegalArgumentException("memoryMib must be >= 1, was " + memoryMib);
        return ALL.stream()
                .filter(s -> s.vcpus() >= vcpus && s.memoryMib() >= memoryMib)
                .min(Comparator.comparingInt(FargateTaskSize::cpuUnits).thenComparingInt(FargateTaskSize::memoryMib));
    }

    private static List<FargateTaskSize> build() {
        List<FargateTaskSize> sizes = new ArrayList<>();
        sizes.add(new FargateTaskSize(256, 512));
        sizes.add(new FargateTaskSize(256, GB_MIB));
        sizes.add(new FargateTaskSize(256, 2 * GB_MIB));
        addRange(sizes, 512, 1, 4, 1);
        addRange(sizes, 1024, 2, 8, 1);
        addRange(sizes, 2048, 4, 16, 1);
        addRange(sizes, 4096, 8, 30, 1);
        addRange(sizes, 8192, 16, 60, 4);
        addRange(sizes, 16384, 32, 120, 8);
        return List.copyOf(sizes);
    }

    private static void addRange(List<FargateTaskSize> sizes, int cpuUnits, int fromGb, int toGb, int stepGb) {
        for (int gb = fromGb; gb <= toGb; gb += stepGb) sizes.add(new FargateTaskSize(cpuUnits, gb * GB_MIB));
    }
}
