package dev.headroom.results;

import dev.headroom.metrics.StepResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of {@code steps.csv}, Headroom's interchange format (documented in the README). The
 * first fifteen are the contract other tools read and write; the rest are extras.
 */
public final class StepColumns {
    private StepColumns() {}

    record Column(String name, Function<StepResult, Object> value) {}

    static final List<Column> COLUMNS = List.of(
            new Column("step", StepResult::step),
            new Column("concurrency", StepResult::concurrency),
            new Column("offered_rps", StepResult::offeredRps),
            new Column("throughput_rps", r -> r.client().throughputRps()),
            new Column("latency_p50_ms", r -> r.client().latencyP50Ms()),
            new Column("latency_p95_ms", r -> r.client().latencyP95Ms()),
            new Column("latency_p99_ms", r -> r.client().latencyP99Ms()),
            new Column("error_ratio", r -> r.client().errorRatio()),
            new Column("app_cpu_cores", r -> r.server().appCpuCores()),
            new Column("db_cpu_cores", r -> r.server().dbCpuCores()),
            new Column("pool_active_avg", r -> r.server().poolActiveAvg()),
            new Column("pool_pending_avg", r -> r.server().poolPendingAvg()),
            new Column("conn_acquire_ms_avg", r -> r.server().connAcquireMsAvg()),
            new Column("conn_usage_ms_avg", r -> r.server().connUsageMsAvg()),
            new Column("valid", r -> r.validity().valid()),
            // extras
            new Column("model", StepResult::model),
            new Column("offered_users", r -> "closed".equals(r.model()) ? r.offered() : Double.NaN),
            new Column("sent_rps", r -> r.client().sentRps()),
            new Column("in_flight_avg", r -> r.client().inFlightAvg()),
            new Column("latency_mean_ms", r -> r.client().latencyMeanMs()),
            new Column("latency_p90_ms", r -> r.client().latencyP90Ms()),
            new Column("latency_max_ms", r -> r.client().latencyMaxMs()),
            new Column("requests", r -> r.client().sent()),
            new Column("errors_http_4xx", r -> r.client().errorsByCause().get("http_4xx")),
            new Column("errors_http_5xx", r -> r.client().errorsByCause().get("http_5xx")),
            new Column("errors_timeout", r -> r.client().errorsByCause().get("timeout")),
            new Column("errors_connection", r -> r.client().errorsByCause().get("connection")),
            new Column("errors_bad_response", r -> r.client().errorsByCause().get("bad_response")),
            new Column("app_cpu_source", r -> r.server().appCpuSource()),
            new Column("app_cpu_proc_cores", r -> r.server().appCpuProcCores()),
            new Column("pool_idle_avg", r -> r.server().poolIdleAvg()),
            new Column("pool_max", r -> r.server().poolMax()),
            new Column("pool_timeouts", r -> r.server().poolTimeouts()),
            new Column("tomcat_busy_threads_avg", r -> r.server().tomcatBusyThreadsAvg()),
            new Column("gc_pause_ms_per_s", r -> r.server().gcPauseMsPerS()),
            new Column("heap_used_mb_avg", r -> r.server().heapUsedMbAvg()),
            new Column("app_memory_mib_max", r -> r.server().appMemoryMibMax()),
            new Column("server_latency_ms_avg", r -> r.server().serverLatencyMsAvg()),
            new Column("server_rps", r -> r.server().serverRps()),
            new Column("injector_cpu_cores", r -> r.server().injectorCpuCores()),
            new Column("host_cpu_busy_cores", r -> r.server().hostBusyCores()),
            new Column("host_cpu_idle_cores", r -> r.server().hostIdleCores()),
            new Column("slo_met", StepResult::sloMet),
            new Column("invalid_reason", r -> r.validity().reason()),
            new Column("steady_start", StepResult::steadyStart),
            new Column("steady_end", StepResult::steadyEnd));

    /** The columns measured at the service and its database rather than by the injector. */
    static final List<String> SERVER_SIDE = List.of(
            "app_cpu_cores",
            "app_cpu_proc_cores",
            "app_memory_mib_max",
            "db_cpu_cores",
            "pool_active_avg",
            "pool_pending_avg",
            "pool_idle_avg",
            "pool_max",
            "pool_timeouts",
            "conn_acquire_ms_avg",
            "conn_usage_ms_avg",
            "tomcat_busy_threads_avg",
            "gc_pause_ms_per_s",
            "heap_used_mb_avg",
            "server_latency_ms_avg",
            "server_rps");

    /**
     * The server-side columns no step measured (empty in every row), in column order: what a run
     * against a service without a metrics endpoint, or without HikariCP, could not see.
     */
    public static List<String> serverSideUnmeasured(List<StepResult> steps) {
        return COLUMNS.stream()
                .filter(c -> SERVER_SIDE.contains(c.name()))
                .filter(c ->
                        steps.stream().allMatch(r -> format(c.value().apply(r)).isEmpty()))
                .map(Column::name)
                .toList();
    }

    public static List<String> names() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    static List<String> values(StepResult r) {
        return COLUMNS.stream().map(c -> format(c.value().apply(r))).toList();
    }

    /** Unmeasured (NaN) is an empty cell; numbers at most four decimals, no exponent. */
    static String format(Object value) {
        if (value == null) return "";
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) return "";
            return BigDecimal.valueOf(d)
                    .setScale(4, RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return value.toString();
    }
}
