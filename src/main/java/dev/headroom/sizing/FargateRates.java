package dev.headroom.sizing;

import java.util.Objects;

/**
 * Fargate's on-demand rates for one architecture and region: a task pays for its vCPUs and its
 * memory by the hour.
 *
 * @param vcpuUsdPerHour per vCPU-hour
 * @param gbUsdPerHour per GB-hour of memory (AWS's GB; a task's memory in MiB / 1024)
 */
public record FargateRates(double vcpuUsdPerHour, double gbUsdPerHour, String source) {
    public FargateRates {
        Objects.requireNonNull(source, "source");
        PriceTable.requirePrice("vcpuUsdPerHour", vcpuUsdPerHour);
        PriceTable.requirePrice("gbUsdPerHour", gbUsdPerHour);
        if (source.isBlank()) throw new IllegalArgumentException("Fargate rates need their source");
    }

    public double taskUsdPerHour(FargateTaskSize size) {
        return size.vcpus() * vcpuUsdPerHour + size.memoryGib() * gbUsdPerHour;
    }
}
