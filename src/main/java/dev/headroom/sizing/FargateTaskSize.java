package dev.headroom.sizing;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * The task sizes Fargate accepts: a CPU value from a fixed list, and for each a memory range with
 * its own step. Fargate rejects any other pair at registration, and bills by the pair registered,
 * so a replica's measured memory has to be rounded up to the next size, never down.
 *
 * @see "Amazon ECS Developer Guide, Amazon ECS task definition parameters for Fargate, Task size (table of
 *     supported CPU and memory values; 8 and 16 vCPU need Linux platform version 1.4.0 or later)"
 */
final class FargateTaskSize {
    static final int CPU_UNITS_PER_VCPU = 1024;

    /** CPU units to the memory sizes in MiB allowed with them, ascending. */
    private static final Map<Integer, List<Integer>> MEMORY_MIB_BY_CPU_UNITS = Map.of(
            256, List.of(512, 1024, 2048),
            512, steps(1024, 4096, 1024),
            1024, steps(2048, 8192, 1024),
            2048, steps(4096, 16384, 1024),
            4096, steps(8192, 30720, 1024),
            8192, steps(16384, 61440, 4096),
            16384, steps(32768, 122880, 8192));

    private FargateTaskSize() {}

    static boolean isCpuUnits(int cpuUnits) {
        return MEMORY_MIB_BY_CPU_UNITS.containsKey(cpuUnits);
    }

    /**
     * The smallest memory size allowed with {@code cpuUnits} that holds {@code memoryMib}; empty
     * when the CPU value is not a Fargate one or the memory exceeds its largest size (a bigger CPU
     * is then a sizing decision, not a rounding).
     */
    static OptionalInt memoryMibFor(int cpuUnits, double memoryMib) {
        List<Integer> sizes = MEMORY_MIB_BY_CPU_UNITS.get(cpuUnits);
        if (sizes == null) return OptionalInt.empty();
        return sizes.stream()
                .mapToInt(Integer::intValue)
                .filter(size -> size >= memoryMib)
                .findFirst();
    }

    private static List<Integer> steps(int fromMib, int toMib, int stepMib) {
        return IntStream.iterate(fromMib, m -> m <= toMib, m -> m + stepMib)
                .boxed()
                .toList();
    }
}
