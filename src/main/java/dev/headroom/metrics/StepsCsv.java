package dev.headroom.metrics;

import java.util.List;

/**
 * The column names of {@code steps.csv}, Headroom's interchange format and the one place they are
 * spelled: the writer ({@code results.StepColumns}), the reader ({@code input.StepsTable}), the
 * Prometheus queries ({@link PromQueries.Figure}) and every message that names a column use these
 * constants, so a renamed column cannot leave one side reading a column the other no longer writes.
 * A name is a public interface (other tools read and write the file): add names, never rename them.
 *
 * <p>It lives with the metrics because a column is a measured figure of a step; the sizing model,
 * which depends on nothing, names the few columns it mentions in its findings itself, and a test
 * holds those names to this list.
 */
public final class StepsCsv {
    private StepsCsv() {}

    // The contract: the first fifteen columns, in this order, documented in the README.
    public static final String STEP = "step";
    public static final String CONCURRENCY = "concurrency";
    public static final String OFFERED_RPS = "offered_rps";
    public static final String THROUGHPUT_RPS = "throughput_rps";
    public static final String LATENCY_P50_MS = "latency_p50_ms";
    public static final String LATENCY_P95_MS = "latency_p95_ms";
    public static final String LATENCY_P99_MS = "latency_p99_ms";
    public static final String ERROR_RATIO = "error_ratio";
    public static final String APP_CPU_CORES = "app_cpu_cores";
    public static final String DB_CPU_CORES = "db_cpu_cores";
    public static final String POOL_ACTIVE_AVG = "pool_active_avg";
    public static final String POOL_PENDING_AVG = "pool_pending_avg";
    public static final String CONN_ACQUIRE_MS_AVG = "conn_acquire_ms_avg";
    public static final String CONN_USAGE_MS_AVG = "conn_usage_ms_avg";
    public static final String VALID = "valid";

    // extras
    public static final String MODEL = "model";
    /**
     * Why the step was run: {@code step} (a staircase), or a search trial's phase ({@code probe},
     * {@code bisect}, {@code confirm}, {@code repeat}); values owned by {@code scenario.SearchPhase}.
     */
    public static final String PHASE = "phase";

    public static final String OFFERED_USERS = "offered_users";
    public static final String SENT_RPS = "sent_rps";
    public static final String IN_FLIGHT_AVG = "in_flight_avg";
    public static final String LATENCY_MEAN_MS = "latency_mean_ms";
    public static final String LATENCY_P90_MS = "latency_p90_ms";
    public static final String LATENCY_MAX_MS = "latency_max_ms";
    public static final String REQUESTS = "requests";
    public static final String ERRORS_HTTP_4XX = "errors_http_4xx";
    public static final String ERRORS_HTTP_5XX = "errors_http_5xx";
    public static final String ERRORS_TIMEOUT = "errors_timeout";
    public static final String ERRORS_CONNECTION = "errors_connection";
    public static final String ERRORS_BAD_RESPONSE = "errors_bad_response";
    public static final String APP_CPU_SOURCE = "app_cpu_source";
    public static final String APP_CPU_PROC_CORES = "app_cpu_proc_cores";
    public static final String POOL_IDLE_AVG = "pool_idle_avg";
    public static final String POOL_MAX = "pool_max";
    public static final String POOL_TIMEOUTS = "pool_timeouts";
    public static final String TOMCAT_BUSY_THREADS_AVG = "tomcat_busy_threads_avg";
    public static final String GC_PAUSE_MS_PER_S = "gc_pause_ms_per_s";
    public static final String HEAP_USED_MB_AVG = "heap_used_mb_avg";
    public static final String APP_MEMORY_MIB_MAX = "app_memory_mib_max";
    public static final String SERVER_LATENCY_MS_AVG = "server_latency_ms_avg";
    public static final String SERVER_RPS = "server_rps";
    public static final String INJECTOR_CPU_CORES = "injector_cpu_cores";
    public static final String HOST_CPU_BUSY_CORES = "host_cpu_busy_cores";
    public static final String HOST_CPU_IDLE_CORES = "host_cpu_idle_cores";
    /** The database's time in the service's reads, per second of the step (performance_schema). */
    public static final String DB_READ_MS_PER_S = "db_read_ms_per_s";
    /** The database's time in the service's writes, per second of the step (performance_schema). */
    public static final String DB_WRITE_MS_PER_S = "db_write_ms_per_s";
    /** The host's speed while the step ran: operations of {@link HostSpeedProbe}'s mix per CPU-second. */
    public static final String HOST_SPEED_OPS_PER_CPU_S = "host_speed_ops_per_cpu_s";
    /** The share of the service's CFS periods in which its quota ran out (cgroup cpu.stat). */
    public static final String CPU_THROTTLED_SHARE = "cpu_throttled_share";
    /** How long the quota stopped the service, per second of the step (cgroup cpu.stat). */
    public static final String CPU_THROTTLED_MS_PER_S = "cpu_throttled_ms_per_s";

    public static final String SLO_MET = "slo_met";
    public static final String INVALID_REASON = "invalid_reason";
    public static final String STEADY_START = "steady_start";
    public static final String STEADY_END = "steady_end";

    /** The contract columns, in the order the README documents and the writer writes them. */
    public static final List<String> CONTRACT = List.of(
            STEP,
            CONCURRENCY,
            OFFERED_RPS,
            THROUGHPUT_RPS,
            LATENCY_P50_MS,
            LATENCY_P95_MS,
            LATENCY_P99_MS,
            ERROR_RATIO,
            APP_CPU_CORES,
            DB_CPU_CORES,
            POOL_ACTIVE_AVG,
            POOL_PENDING_AVG,
            CONN_ACQUIRE_MS_AVG,
            CONN_USAGE_MS_AVG,
            VALID);
}
