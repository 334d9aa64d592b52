package dev.headroom.metrics;

import java.util.Locale;

/**
 * Where the service's memory ({@code app_memory_mib_max}) comes from, in one place: the sampler
 * reads it this way every second, and the run asks the same question once before any load, so a
 * run that could not measure it is stopped before it starts rather than told after it ended.
 *
 * <p>In order of preference:
 *
 * <ol>
 *   <li>{@link Source#PROC_VMRSS}: the process's resident set from /proc/[pid]/status (proc(5)),
 *       when Headroom knows its pid (it started it, or found the process listening on the target's
 *       loopback port). What a container's memory limit is charged against.
 *   <li>{@link Source#PROCESS_RESIDENT_MEMORY_BYTES}: the same figure as the Prometheus client
 *       libraries export it (Go, Python, Node, the Java simpleclient's {@code process} collector).
 *   <li>{@link Source#JVM_MEMORY_COMMITTED}: the JVM's committed heap and non-heap, summed over every
 *       pool: Micrometer's {@code jvm.memory.committed} ({@code jvm_memory_committed_bytes}), also the
 *       Prometheus Java client 1.x's name. Micrometer has no resident-memory meter, so a standard
 *       Spring Boot service has only this. It is a lower bound of the resident set: thread stacks,
 *       the GC's own structures and direct buffers are outside it.
 * </ol>
 */
public final class AppMemory {
    private AppMemory() {}

    /** The Prometheus client libraries' standard process metric (prometheus.io, "Writing client libraries"). */
    static final String PROCESS_RESIDENT_BYTES = "process_resident_memory_bytes";

    /** Micrometer's {@code jvm.memory.committed} gauge, tagged {@code area} and {@code id} (one series per pool). */
    static final String JVM_MEMORY_COMMITTED = "jvm_memory_committed_bytes";

    public enum Source {
        PROC_VMRSS("VmRSS in /proc/<pid>/status of the listening process"),
        PROCESS_RESIDENT_MEMORY_BYTES(AppMemory.PROCESS_RESIDENT_BYTES + " from the metrics endpoint"),
        JVM_MEMORY_COMMITTED(AppMemory.JVM_MEMORY_COMMITTED
                + " summed over heap and non-heap from the metrics endpoint (a lower bound of the resident set)"),
        NONE("none");

        private final String words;

        Source(String words) {
            this.words = words;
        }

        /** The key run.json records ({@code proc_vmrss}, ...). */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String words() {
            return words;
        }
    }

    /**
     * One reading: bytes, NaN with {@link Source#NONE}.
     *
     * @param bytes the service's memory in bytes
     */
    public record Reading(double bytes, Source source) {
        public Reading {
            if (source == Source.NONE != Double.isNaN(bytes))
                throw new IllegalArgumentException("a reading has bytes exactly when it has a source");
            if (bytes < 0) throw new IllegalArgumentException("memory must be >= 0 bytes, got " + bytes);
        }

        public double mib() {
            return bytes / (1024 * 1024);
        }
    }

    /**
     * The first source that has a figure.
     *
     * @param procResidentBytes the VmRSS of the service's process, NaN when its pid is unknown or gone
     * @param scrape the service's metrics endpoint now (empty when it has none, or the scrape failed)
     */
    public static Reading read(double procResidentBytes, PrometheusText scrape) {
        if (!Double.isNaN(procResidentBytes)) return new Reading(procResidentBytes, Source.PROC_VMRSS);
        double rss = scrape.sum(PROCESS_RESIDENT_BYTES);
        if (!Double.isNaN(rss)) return new Reading(rss, Source.PROCESS_RESIDENT_MEMORY_BYTES);
        double committed = scrape.sum(JVM_MEMORY_COMMITTED);
        if (!Double.isNaN(committed)) return new Reading(committed, Source.JVM_MEMORY_COMMITTED);
        return new Reading(Double.NaN, Source.NONE);
    }
}
