package dev.headroom.metrics;

/**
 * The Prometheus names of the Micrometer meters Headroom reads, in one place. Micrometer's
 * Prometheus registry appends base units and {@code _total}: {@code process.cpu.time} becomes
 * {@code process_cpu_time_ns_total}, a timer {@code x} becomes {@code x_seconds_sum/_count}.
 */
public final class MeterNames {
    private MeterNames() {}

    public static final String PROCESS_CPU_TIME_NS = "process_cpu_time_ns_total";
    public static final String POOL_ACTIVE = "hikaricp_connections_active";
    public static final String POOL_IDLE = "hikaricp_connections_idle";
    public static final String POOL_PENDING = "hikaricp_connections_pending";
    public static final String POOL_MAX = "hikaricp_connections_max";
    public static final String POOL_TIMEOUTS = "hikaricp_connections_timeout_total";
    /** Time to get a connection from the pool. */
    public static final String POOL_ACQUIRE_SUM = "hikaricp_connections_acquire_seconds_sum";

    public static final String POOL_ACQUIRE_COUNT = "hikaricp_connections_acquire_seconds_count";
    /** Time a connection is held (borrowed to returned): the W of Little's law for the pool. */
    public static final String POOL_USAGE_SUM = "hikaricp_connections_usage_seconds_sum";

    public static final String POOL_USAGE_COUNT = "hikaricp_connections_usage_seconds_count";
    public static final String TOMCAT_BUSY_THREADS = "tomcat_threads_busy_threads";
    public static final String GC_PAUSE_SUM = "jvm_gc_pause_seconds_sum";
    /** Micrometer's JvmCompilationMetrics (Spring Boot registers it): the JIT's cumulative compile time. */
    public static final String JIT_COMPILATION_MS = "jvm_compilation_time_ms_total";

    public static final String MEMORY_USED = "jvm_memory_used_bytes";
    public static final String HTTP_SERVER_SUM = "http_server_requests_seconds_sum";
    public static final String HTTP_SERVER_COUNT = "http_server_requests_seconds_count";
}
