package dev.headroom.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Limits the service's CPU so its capacity can be measured per CPU: a CFS quota in a cgroup of
 * its own where the cgroup tree is writable (v2 {@code cpu.max}, or v1 {@code cpu.cfs_quota_us}),
 * else pinning to whole cores with taskset. What was really applied is always reported.
 */
public final class CpuBudget {
    /** The CFS period both cgroup versions default to. */
    static final long PERIOD_US = 100_000;

    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    /** Groups are named {@code headroom-service-<lab pid>}, so a later lab can tell stale ones. */
    public static final String GROUP_PREFIX = "headroom-service-";

    /**
     * What was applied. {@code appliedCpus} is empty when nothing could be applied.
     *
     * @param mechanism {@code cgroup-v2}, {@code cgroup-v1}, {@code taskset} or {@code none}
     */
    public record Applied(OptionalDouble requestedCpus, OptionalDouble appliedCpus, String mechanism, String detail) {}

    private volatile Applied applied;
    private final List<String> launchPrefix;
    private final Path cgroupDir;

    private CpuBudget(Applied applied, List<String> launchPrefix, Path cgroupDir) {
        this.applied = applied;
        this.launchPrefix = launchPrefix;
        this.cgroupDir = cgroupDir;
    }

    public static CpuBudget none() {
        return new CpuBudget(
                new Applied(OptionalDouble.empty(), OptionalDouble.empty(), "none", "no CPU budget requested"),
                List.of(),
                null);
    }

    /** Prepares a budget of {@code cpus} for a process named {@code name}; never throws. */
    public static CpuBudget of(double cpus, String name) {
        removeStaleGroups();
        List<String> problems = new ArrayList<>();
        CpuBudget viaCgroup = tryCgroupV2(cpus, name, problems);
        if (viaCgroup == null) viaCgroup = tryCgroupV1(cpus, name, problems);
        if (viaCgroup != null) return viaCgroup;
        return taskset(cpus, String.join("; ", problems));
    }

    public Applied applied() {
        return applied;
    }

    /** Words to put before the service's command line so it starts inside the budget. */
    public List<String> launchPrefix() {
        return launchPrefix;
    }

    /** Whole processors the JVM should believe it has, so thread pools and GC match the budget. */
    public OptionalDouble activeProcessors() {
        return applied.appliedCpus().isPresent()
                ? OptionalDouble.of(Math.max(1, Math.ceil(applied.appliedCpus().getAsDouble())))
                : OptionalDouble.empty();
    }

    /**
     * The group's quota as the kernel holds it now, in cores, read back from {@code cpu.max} (v2)
     * or {@code cpu.cfs_quota_us} / {@code cpu.cfs_period_us} (v1); NaN without a group, unlimited or
     * unreadable. What a test or run.json can check a raised quota against.
     */
    public double quotaCoresNow() {
        if (cgroupDir == null) return Double.NaN;
        try {
            if (applied.mechanism().equals("cgroup-v2"))
                return ListeningProcess.cpuMaxCores(Files.readString(cgroupDir.resolve("cpu.max")));
            return ListeningProcess.cfsQuotaCores(
                    Files.readString(cgroupDir.resolve("cpu.cfs_quota_us")),
                    Files.readString(cgroupDir.resolve("cpu.cfs_period_us")));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * The group's {@code cpu.stat}, where the kernel counts the periods in which the quota ran out;
     * empty without a group of its own.
     */
    public Optional<Path> cpuStat() {
        return Optional.ofNullable(cgroupDir).map(d -> d.resolve("cpu.stat"));
    }

    /** Whether the quota can change while the service runs: it is in a cgroup of its own. */
    public boolean adjustable() {
        return cgroupDir != null;
    }

    /**
     * Sets the group's CFS quota to {@code cpus} while the service runs. The JVM's processor count
     * ({@code -XX:ActiveProcessorCount}, from the budget) does not change, so its thread pools and
     * collector stay those of the budget: only the time it may run does. Kubernetes does the same
     * with an in-place resize of a pod's CPU (KEP-1287), on which kube-startup-cpu-boost raises a
     * JVM's limit until it is ready.
     */
    public void setQuota(double cpus) throws IOException {
        if (cgroupDir == null)
            throw new IOException("the service is not in a cgroup of its own: its CPU cannot change");
        if (!(cpus > 0) || Double.isInfinite(cpus))
            throw new IllegalArgumentException("a quota is > 0 CPUs, got " + cpus);
        long quota = quotaUs(cpus);
        if (applied.mechanism().equals("cgroup-v2")) {
            Files.writeString(cgroupDir.resolve("cpu.max"), quota + " " + PERIOD_US);
        } else {
            Files.writeString(cgroupDir.resolve("cpu.cfs_quota_us"), Long.toString(quota));
        }
    }

    /**
     * Lowers the budget for the rest of the run: the quota, and what {@link #applied()} reports
     * (run.json {@code lab.cpu_budget}, which the sizer reads as the budget the trials ran on).
     * The JVM's processor count stays the one it started with.
     */
    public synchronized void lower(double cpus, String why) throws IOException {
        double before = applied.appliedCpus().orElse(Double.NaN);
        if (!(cpus < before))
            throw new IllegalArgumentException("a lower budget is below " + before + " cores, got " + cpus);
        setQuota(cpus);
        applied = new Applied(
                applied.requestedCpus(),
                OptionalDouble.of(cpus),
                applied.mechanism(),
                String.format(
                        java.util.Locale.ROOT,
                        "%s; lowered to %d per %d us (%.2f cores): %s",
                        applied.detail(),
                        quotaUs(cpus),
                        PERIOD_US,
                        cpus,
                        why));
    }

    /** Removes the cgroup once its process has ended. */
    public void release() {
        if (cgroupDir == null) return;
        try {
            Files.deleteIfExists(cgroupDir);
        } catch (IOException e) {
            // still has a task (the process did not end yet); the kernel keeps an empty group harmless
        }
    }

    private static CpuBudget tryCgroupV2(double cpus, String name, List<String> problems) {
        Path root = CGROUP_ROOT;
        if (!Files.exists(root.resolve("cgroup.controllers"))) return null; // not a v2 hierarchy
        try {
            String controllers = Files.readString(root.resolve("cgroup.subtree_control"));
            if (!controllers.contains("cpu")) Files.writeString(root.resolve("cgroup.subtree_control"), "+cpu");
            Path dir = Files.createDirectories(root.resolve(name));
            long quota = quotaUs(cpus);
            Files.writeString(dir.resolve("cpu.max"), quota + " " + PERIOD_US);
            return inCgroup(cpus, "cgroup-v2", dir, dir.resolve("cpu.max") + " = " + quota + " " + PERIOD_US);
        } catch (IOException | RuntimeException e) {
            problems.add("cgroup v2 not writable (" + e.getMessage() + ")");
            return null;
        }
    }

    private static CpuBudget tryCgroupV1(double cpus, String name, List<String> problems) {
        Path cpuRoot = CGROUP_ROOT.resolve("cpu");
        if (!Files.exists(cpuRoot.resolve("cpu.cfs_quota_us"))) {
            problems.add("no cgroup v1 cpu controller at " + cpuRoot);
            return null;
        }
        try {
            Path dir = Files.createDirectories(cpuRoot.resolve(name));
            long quota = quotaUs(cpus);
            Files.writeString(dir.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
            Files.writeString(dir.resolve("cpu.cfs_quota_us"), Long.toString(quota));
            return inCgroup(
                    cpus,
                    "cgroup-v1",
                    dir,
                    dir.resolve("cpu.cfs_quota_us") + " = " + quota + " per " + PERIOD_US + " us");
        } catch (IOException | RuntimeException e) {
            problems.add("cgroup v1 not writable (" + e.getMessage() + ")");
            return null;
        }
    }

    /** The process moves itself into the group before exec, so the JVM starts already limited. */
    private static CpuBudget inCgroup(double cpus, String mechanism, Path dir, String detail) {
        List<String> prefix =
                List.of("sh", "-c", "echo $$ > '" + dir.resolve("cgroup.procs") + "' && exec \"$@\"", "sh");
        return new CpuBudget(
                new Applied(OptionalDouble.of(cpus), OptionalDouble.of(cpus), mechanism, detail), prefix, dir);
    }

    private static CpuBudget taskset(double cpus, String why) {
        int cores = Runtime.getRuntime().availableProcessors();
        int pinned = (int) Math.ceil(cpus);
        if (!Files.isExecutable(Path.of("/usr/bin/taskset")) || pinned > cores) {
            return new CpuBudget(
                    new Applied(
                            OptionalDouble.of(cpus),
                            OptionalDouble.empty(),
                            "none",
                            "could not apply: " + why + "; taskset unavailable or budget above " + cores + " cores"),
                    List.of(),
                    null);
        }
        // pin to the highest-numbered cores, leaving core 0 (where interrupts usually land) to the rest
        String list = (cores - pinned) + "-" + (cores - 1);
        String detail = String.format(
                Locale.ROOT,
                "taskset -c %s (%d whole core%s%s); %s",
                list,
                pinned,
                pinned == 1 ? "" : "s",
                pinned == cpus ? "" : ", rounded up from " + cpus + ": pinning cannot give part of a core",
                why);
        return new CpuBudget(
                new Applied(OptionalDouble.of(cpus), OptionalDouble.of(pinned), "taskset", detail),
                List.of("taskset", "-c", list),
                null);
    }

    /**
     * Removes the empty groups of earlier labs whose JVM is gone (killed before it could clean
     * up): a group is named after the lab's PID, and the kernel refuses to remove one with tasks.
     */
    static void removeStaleGroups() {
        for (Path root : List.of(CGROUP_ROOT, CGROUP_ROOT.resolve("cpu"))) {
            try (var groups = Files.list(root)) {
                groups.filter(g -> g.getFileName().toString().startsWith(GROUP_PREFIX))
                        .filter(g -> !labAlive(g.getFileName().toString().substring(GROUP_PREFIX.length())))
                        .forEach(g -> g.toFile().delete());
            } catch (IOException | RuntimeException e) {
                // not a cgroup tree we can read: nothing of ours to clean
            }
        }
    }

    private static boolean labAlive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid))
                    .map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (NumberFormatException e) {
            return true; // not a name we gave: leave it
        }
    }

    static long quotaUs(double cpus) {
        return Math.round(cpus * PERIOD_US);
    }
}
