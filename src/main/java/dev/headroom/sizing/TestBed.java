package dev.headroom.sizing;

import java.util.Optional;

/**
 * What the steps were measured on, from run.json when there is one; NaN and 0 mean unknown (a
 * steps.csv from another tool).
 *
 * @param serviceCpuCores the CPU budget the service had (its cgroup quota), NaN when unlimited or unknown
 * @param serviceStartSeconds the service's start-up time to ready on its CPU budget: measured by the lab,
 *     or, when the lab started it on more CPU, its CPU time to ready over the budget
 * @param poolSize the connection pool size the service ran with
 * @param requestThreads the service's request threads (Tomcat's max threads); 0 when unknown
 * @param arch the test host's CPU architecture, when known
 * @param jvmHeapMaxMib a JVM service's heap maximum ({@code -Xmx}, run.json {@code
 *     service_jvm_memory}); NaN when the service is not a JVM or did not say
 * @param jvmOutsideHeapMib that JVM's memory outside the heap that its metrics show, the largest
 *     seen: non-heap committed (metaspace, code cache) plus direct buffers; NaN with the heap
 */
public record TestBed(
        double serviceCpuCores,
        double serviceStartSeconds,
        int poolSize,
        String cpuModel,
        String databaseEngine,
        int requestThreads,
        Optional<Arch> arch,
        double jvmHeapMaxMib,
        double jvmOutsideHeapMib) {
    public TestBed {
        if (jvmHeapMaxMib <= 0) throw new IllegalArgumentException("JVM heap max must be > 0 MiB");
        if (jvmOutsideHeapMib < 0) throw new IllegalArgumentException("JVM memory outside the heap must be >= 0 MiB");
        if (requestThreads < 0) throw new IllegalArgumentException("request threads must be >= 0");
        arch = arch == null ? Optional.empty() : arch;
        if (serviceCpuCores <= 0) throw new IllegalArgumentException("service CPU must be > 0");
        if (serviceStartSeconds < 0) throw new IllegalArgumentException("start-up time must be >= 0");
        cpuModel = cpuModel == null ? "unknown" : cpuModel;
        databaseEngine = databaseEngine == null ? "unknown" : databaseEngine;
    }

    /** A test bed whose service is not known to be a JVM (no memory floor). */
    public TestBed(
            double serviceCpuCores,
            double serviceStartSeconds,
            int poolSize,
            String cpuModel,
            String databaseEngine,
            int requestThreads,
            Optional<Arch> arch) {
        this(
                serviceCpuCores,
                serviceStartSeconds,
                poolSize,
                cpuModel,
                databaseEngine,
                requestThreads,
                arch,
                Double.NaN,
                Double.NaN);
    }

    public static TestBed unknown() {
        return new TestBed(Double.NaN, Double.NaN, 0, "unknown", "unknown", 0, Optional.empty());
    }

    /** This bed with the service's CPU budget set: a declared test host's, when the run recorded none. */
    public TestBed withServiceCpuCores(double cores) {
        return new TestBed(
                cores,
                serviceStartSeconds,
                poolSize,
                cpuModel,
                databaseEngine,
                requestThreads,
                arch,
                jvmHeapMaxMib,
                jvmOutsideHeapMib);
    }

    /**
     * What the JVM service holds at least once its whole heap is resident: heap maximum plus
     * non-heap and direct buffers (metrics.JvmMemoryFloor); NaN when it is not known to be a JVM.
     */
    public double jvmMemoryFloorMib() {
        return jvmHeapMaxMib + (Double.isNaN(jvmOutsideHeapMib) ? 0 : jvmOutsideHeapMib);
    }

    /**
     * The architecture as the JVM names it ({@code os.arch}: amd64, x86_64, aarch64, arm64), in
     * EC2's names; empty for any other.
     */
    public static Optional<Arch> archOfJvm(String osArch) {
        return switch (osArch == null ? "" : osArch) {
            case "amd64", "x86_64" -> Optional.of(Arch.X86_64);
            case "aarch64", "arm64" -> Optional.of(Arch.ARM64);
            default -> Optional.empty();
        };
    }
}
