package dev.headroom.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The process that listens on a loopback port, found through /proc as {@code ss -ltnp} finds it
 * (proc(5): /proc/net/tcp and tcp6 list each socket's inode; /proc/[pid]/fd links a process's open
 * socket as {@code socket:[inode]}), with what the sizer needs of it: its memory now, and the CPU
 * and memory it may use (its cgroup limits, v2 or else v1, cgroup(7); its CPU affinity,
 * sched_setaffinity(2)).
 * Its CPU over time is {@code metrics.ProcCpu.processCpuS(pid)}'s to read.
 *
 * @param pid the process that holds the listening socket
 * @param residentBytes VmRSS from /proc/[pid]/status; -1 when unreadable
 * @param cpuLimitCores the fewer of the cgroup's {@code cpu.max} quota / period and the CPUs in its
 *     affinity mask; NaN when neither limits it
 * @param cpuLimitSource {@code cgroup-v2 cpu.max}, {@code cgroup-v1 cpu.cfs_quota_us}, {@code affinity} or
 *     {@code none}
 * @param memoryLimitBytes the cgroup's {@code memory.max} (v2) or {@code memory.limit_in_bytes} (v1);
 *     -1 when unlimited or unknown
 * @param cpuStat the {@code cpu.stat} of the cgroup whose CPU quota limits it, where its throttling
 *     is counted ({@code metrics.CfsThrottling}); empty without a quota
 */
public record ListeningProcess(
        long pid,
        long residentBytes,
        double cpuLimitCores,
        String cpuLimitSource,
        long memoryLimitBytes,
        Optional<Path> cpuStat) {

    /** Without a quota's {@code cpu.stat}. */
    public ListeningProcess(
            long pid, long residentBytes, double cpuLimitCores, String cpuLimitSource, long memoryLimitBytes) {
        this(pid, residentBytes, cpuLimitCores, cpuLimitSource, memoryLimitBytes, Optional.empty());
    }

    /** /proc/net/tcp state 0A: TCP_LISTEN (include/net/tcp_states.h). */
    private static final String LISTEN = "0A";

    /** Finds the listener of {@code port} on this host, if any process this user can see holds it. */
    public static Optional<ListeningProcess> find(int port) {
        return find(port, Path.of("/proc"), Path.of("/sys/fs/cgroup"));
    }

    /** As {@link #find(int)}, over another /proc and cgroup root (a fixture tree in tests). */
    static Optional<ListeningProcess> find(int port, Path proc, Path cgroupRoot) {
        if (port < 1 || port > 65_535) throw new IllegalArgumentException("port must be 1..65535, got " + port);
        OptionalLong inode = OptionalLong.empty();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            inode = listeningInode(read(proc.resolve(table)).orElse(""), port);
            if (inode.isPresent()) break;
        }
        if (inode.isEmpty()) return Optional.empty();
        String link = "socket:[" + inode.getAsLong() + "]";
        try (Stream<Path> entries = Files.list(proc)) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> holds(p.resolve("fd"), link))
                    .findFirst()
                    .map(p -> describe(Long.parseLong(p.getFileName().toString()), p, cgroupRoot));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The inode of the socket listening on {@code port} in a /proc/net/tcp or tcp6 table: columns
     * sl, local_address (hex address:port), rem_address, st, tx:rx, tr:when, retrnsmt, uid, timeout,
     * inode. Any local address counts (loopback, or the wildcard that includes it).
     */
    static OptionalLong listeningInode(String table, int port) {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[0].endsWith(":")) continue; // the header, or a torn line
            String local = f[1];
            if (local.substring(local.indexOf(':') + 1).equalsIgnoreCase(hexPort) && f[3].equals(LISTEN)) {
                long inode = Long.parseLong(f[9]);
                if (inode > 0) return OptionalLong.of(inode);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The CPU limit of a cgroup v2 {@code cpu.max} ("$MAX $PERIOD", microseconds): quota / period
     * cores; NaN for "max" (no limit).
     */
    static double cpuMaxCores(String cpuMax) {
        String[] f = cpuMax.trim().split("\\s+");
        if (f.length != 2) throw new IllegalArgumentException("cpu.max must read '$MAX $PERIOD', got '" + cpuMax + "'");
        if (f[0].equals("max")) return Double.NaN;
        return Double.parseDouble(f[0]) / Double.parseDouble(f[1]);
    }

    /** The cgroup v2 path of a process from /proc/[pid]/cgroup's "0::/path" line; empty on cgroup v1 only. */
    static Optional<String> cgroupV2Path(String procCgroup) {
        return procCgroup
                .lines()
                .filter(l -> l.startsWith("0::"))
                .map(l -> l.substring(3))
                .findFirst();
    }

    /**
     * The cgroup v1 path of {@code controller} from /proc/[pid]/cgroup's "N:controllers:/path" lines
     * (controllers comma-separated, as "4:cpu,cpuacct:/x").
     */
    static Optional<String> cgroupV1Path(String procCgroup, String controller) {
        return procCgroup
                .lines()
                .map(l -> l.split(":", 3))
                .filter(f -> f.length == 3 && List.of(f[1].split(",")).contains(controller))
                .map(f -> f[2])
                .findFirst();
    }

    /** A v1 CFS quota: {@code cpu.cfs_quota_us} / {@code cpu.cfs_period_us} cores; NaN for -1 (no limit). */
    static double cfsQuotaCores(String quotaUs, String periodUs) {
        long quota = Long.parseLong(quotaUs.trim());
        return quota < 0 ? Double.NaN : quota / Double.parseDouble(periodUs.trim());
    }

    /**
     * A v1 {@code memory.limit_in_bytes}; -1 for "unlimited", which v1 writes as the largest page
     * multiple below 2^63 (9223372036854771712 with 4 KiB pages): anything from 2^62 up.
     */
    static long v1MemoryLimit(String limit) {
        long v = Long.parseLong(limit.trim());
        return v >= (1L << 62) ? -1 : v;
    }

    /** The CPUs a process may run on, from /proc/[pid]/status's {@code Cpus_allowed_list} ("0-1,3": 3). */
    static int allowedCpus(String status) {
        String list = field(status, "Cpus_allowed_list:")
                .orElseThrow(() -> new IllegalArgumentException("status has no Cpus_allowed_list line"));
        int n = 0;
        for (String part : list.split(",")) {
            String[] range = part.trim().split("-");
            n += range.length == 1 ? 1 : Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        }
        return n;
    }

    /** VmRSS in bytes from /proc/[pid]/status ("VmRSS:   123456 kB"); -1 when absent (a kernel thread). */
    static long residentBytes(String status) {
        return field(status, "VmRSS:")
                .map(v -> {
                    String[] f = v.split("\\s+");
                    if (f.length != 2 || !f[1].equals("kB"))
                        throw new IllegalArgumentException("VmRSS must read '<n> kB', got '" + v + "'");
                    return Long.parseLong(f[0]) * 1024;
                })
                .orElse(-1L);
    }

    private static ListeningProcess describe(long pid, Path dir, Path cgroupRoot) {
        String status = read(dir.resolve("status")).orElse("");
        long rss = status.isEmpty() ? -1 : residentBytes(status);
        double affinity = status.contains("Cpus_allowed_list:") ? allowedCpus(status) : Double.NaN;
        String procCgroup = read(dir.resolve("cgroup")).orElse("");
        Optional<Path> v2 = cgroupV2Path(procCgroup).map(p -> under(cgroupRoot, p));
        double quota = v2.flatMap(c -> read(c.resolve("cpu.max")))
                .map(ListeningProcess::cpuMaxCores)
                .orElse(Double.NaN);
        String quotaSource = "cgroup-v2 cpu.max";
        Optional<Path> quotaGroup = Double.isNaN(quota) ? Optional.empty() : v2;
        long memoryMax = v2.flatMap(c -> read(c.resolve("memory.max")))
                .map(String::trim)
                .filter(v -> !v.equals("max"))
                .map(Long::parseLong)
                .orElse(-1L);
        if (v2.flatMap(c -> read(c.resolve("cpu.max"))).isEmpty()) {
            // cgroup v1 (or hybrid, whose "0::" line has no controllers): the cpu controller's
            // hierarchy, mounted as cpu or as cpu,cpuacct
            Optional<String> cpuPath = cgroupV1Path(procCgroup, "cpu");
            for (String mount : List.of("cpu", "cpu,cpuacct")) {
                Optional<Path> c = cpuPath.map(p -> under(cgroupRoot.resolve(mount), p));
                Optional<String> q = c.flatMap(d -> read(d.resolve("cpu.cfs_quota_us")));
                Optional<String> period = c.flatMap(d -> read(d.resolve("cpu.cfs_period_us")));
                if (q.isPresent() && period.isPresent()) {
                    quota = cfsQuotaCores(q.get(), period.get());
                    quotaSource = "cgroup-v1 cpu.cfs_quota_us";
                    if (!Double.isNaN(quota)) quotaGroup = c;
                    break;
                }
            }
            memoryMax = cgroupV1Path(procCgroup, "memory")
                    .flatMap(p -> read(under(cgroupRoot.resolve("memory"), p).resolve("memory.limit_in_bytes")))
                    .map(ListeningProcess::v1MemoryLimit)
                    .orElse(memoryMax);
        }
        boolean quotaLimits = !Double.isNaN(quota) && (Double.isNaN(affinity) || quota <= affinity);
        double limit = quotaLimits ? quota : affinity;
        String source = quotaLimits ? quotaSource : Double.isNaN(affinity) ? "none" : "affinity";
        return new ListeningProcess(
                pid,
                rss,
                limit,
                source,
                memoryMax,
                quotaGroup.map(g -> g.resolve("cpu.stat")).filter(Files::isReadable));
    }

    private static Path under(Path root, String cgroupPath) {
        return root.resolve(cgroupPath.replaceFirst("^/+", ""));
    }

    private static boolean holds(Path fdDir, String link) {
        try (Stream<Path> fds = Files.list(fdDir)) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(link);
                } catch (IOException | UnsupportedOperationException e) {
                    return false; // closed meanwhile, or not ours to read
                }
            });
        } catch (IOException e) {
            return false; // another user's process: its fd directory is not readable
        }
    }

    private static Optional<String> field(String status, String name) {
        return status.lines()
                .filter(l -> l.startsWith(name))
                .map(l -> l.substring(name.length()).trim())
                .findFirst();
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
