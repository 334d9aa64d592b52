package dev.headroom.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CFS bandwidth figures of a cgroup's {@code cpu.stat}: how many 100 ms enforcement periods
 * have passed, in how many the group used its whole quota and was stopped until the next, and for
 * how long. Kernel docs, scheduler/sched-bwc: {@code nr_periods}, {@code nr_throttled} and
 * {@code throttled_time} (cgroup v1, nanoseconds) or {@code throttled_usec} (cgroup v2,
 * microseconds). Why they are read: under a quota, a request that arrives once the period's quota
 * is spent waits for the next period, so the share of throttled periods at the knee says how much
 * of the SLO the quota itself cost (docs/search.md, "Throttling").
 *
 * @param periods periods with runnable tasks so far
 * @param throttledPeriods periods in which the group ran out of quota
 * @param throttledS the time the group's tasks were stopped for it, in seconds, summed over the CPUs
 *     whose run queues held them (each CPU's queue of the group is throttled and counted on its own)
 */
public record CfsThrottling(double periods, double throttledPeriods, double throttledS) {
    public static final CfsThrottling UNMEASURED = new CfsThrottling(Double.NaN, Double.NaN, Double.NaN);

    /** Reads {@code cpuStat}; {@link #UNMEASURED} when absent, unreadable or without the figures. */
    public static CfsThrottling read(Optional<Path> cpuStat) {
        if (cpuStat.isEmpty()) return UNMEASURED;
        try {
            return parse(Files.readString(cpuStat.get()));
        } catch (IOException | RuntimeException e) {
            return UNMEASURED; // the group went away with its process
        }
    }

    static CfsThrottling parse(String cpuStat) {
        double periods = Double.NaN, throttled = Double.NaN, throttledS = Double.NaN;
        for (String line : cpuStat.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) continue;
            switch (f[0]) {
                case "nr_periods" -> periods = Double.parseDouble(f[1]);
                case "nr_throttled" -> throttled = Double.parseDouble(f[1]);
                case "throttled_time" -> throttledS = Double.parseDouble(f[1]) / 1e9; // v1: ns
                case "throttled_usec" -> throttledS = Double.parseDouble(f[1]) / 1e6; // v2: us
                default -> {}
            }
        }
        return new CfsThrottling(periods, throttled, throttledS);
    }
}
