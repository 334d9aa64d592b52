package dev.headroom.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * CPU time read from Linux's /proc: works when a process's own metrics endpoint does not answer
 * (a saturated service), and for processes that have none (the database server).
 */
public final class ProcCpu {
    /** USER_HZ, the unit of /proc's CPU times; 100 on every mainstream Linux build (see proc(5)). */
    static final double CLOCK_TICKS_PER_S = 100.0;

    private ProcCpu() {}

    /** User plus system CPU seconds of a process, children excluded; empty once it has gone. */
    public static OptionalDouble processCpuS(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return OptionalDouble.of(parseProcessCpuS(stat));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * Resident memory of a process in bytes, from the {@code VmRSS} line of /proc/[pid]/status
     * (in kB, proc(5)); empty once it has gone. What the sizer sets a replica's memory from.
     */
    public static OptionalDouble residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return OptionalDouble.of(parseKb(line) * 1024);
            }
            return OptionalDouble.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /** The host's memory in bytes, {@code MemTotal} of /proc/meminfo (proc(5)); empty where unreadable. */
    public static OptionalDouble hostMemoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", "meminfo"))) {
                if (line.startsWith("MemTotal:")) return OptionalDouble.of(parseKb(line) * 1024);
            }
            return OptionalDouble.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    static double parseKb(String statusLine) {
        String[] parts =
                statusLine.substring(statusLine.indexOf(':') + 1).trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB"))
            throw new IllegalArgumentException("not a kB line: " + statusLine);
        return Double.parseDouble(parts[0]);
    }

    /** Fields 14 and 15 of /proc/[pid]/stat (utime, stime), counted after the command name. */
    static double parseProcessCpuS(String stat) {
        // the command name (field 2) is in parentheses and may itself hold spaces or ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / CLOCK_TICKS_PER_S;
    }

    /** Host CPU seconds so far, busy and total, summed over all CPUs (first line of /proc/stat). */
    public record HostCpu(double busyS, double totalS) {}

    public static HostCpu host() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            return parseHost(first);
        } catch (IOException | RuntimeException e) {
            return new HostCpu(Double.NaN, Double.NaN);
        }
    }

    static HostCpu parseHost(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) total += Long.parseLong(f[i]); // user..steal
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
        return new HostCpu((total - idle) / CLOCK_TICKS_PER_S, total / CLOCK_TICKS_PER_S);
    }
}
