package dev.headroom.results;

import dev.headroom.metrics.Outcome;
import dev.headroom.metrics.StepResult;
import dev.headroom.metrics.StepsCsv;
import dev.headroom.scenario.LoadModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

/**
 * What goes in each column of {@code steps.csv}, Headroom's interchange format (documented in the
 * README), in order; the names are {@link StepsCsv}'s. The first fifteen are the contract other
 * tools read and write; the rest are extras.
 */
public final class StepColumns {
    private StepColumns() {}

    record Column(String name, Function<StepResult, Object> value) {}

    static final List<Column> COLUMNS = List.of(
            new Column(StepsCsv.STEP, StepResult::step),
            new Column(StepsCsv.CONCURRENCY, StepResult::concurrency),
            new Column(StepsCsv.OFFERED_RPS, StepResult::offeredRps),
            new Column(StepsCsv.THROUGHPUT_RPS, r -> r.client().throughputRps()),
            new Column(StepsCsv.LATENCY_P50_MS, r -> r.client().latencyP50Ms()),
            new Column(StepsCsv.LATENCY_P95_MS, r -> r.client().latencyP95Ms()),
            new Column(StepsCsv.LATENCY_P99_MS, r -> r.client().latencyP99Ms()),
            new Column(StepsCsv.ERROR_RATIO, r -> r.client().errorRatio()),
            new Column(StepsCsv.APP_CPU_CORES, r -> r.server().appCpuCores()),
            new Column(StepsCsv.DB_CPU_CORES, r -> r.server().dbCpuCores()),
            new Column(StepsCsv.POOL_ACTIVE_AVG, r -> r.server().poolActiveAvg()),
            new Column(StepsCsv.POOL_PENDING_AVG, r -> r.server().poolPendingAvg()),
            new Column(StepsCsv.CONN_ACQUIRE_MS_AVG, r -> r.server().connAcquireMsAvg()),
            new Column(StepsCsv.CONN_USAGE_MS_AVG, r -> r.server().connUsageMsAvg()),
            new Column(StepsCsv.VALID, r -> r.validity().valid()),
            // extras
            new Column(StepsCsv.MODEL, StepResult::model),
            new Column(StepsCsv.PHASE, r -> r.phase().csvName()),
            new Column(StepsCsv.OFFERED_USERS, r -> r.model() == LoadModel.CLOSED ? r.offered() : Double.NaN),
            new Column(StepsCsv.SENT_RPS, r -> r.client().sentRps()),
            new Column(StepsCsv.IN_FLIGHT_AVG, r -> r.client().inFlightAvg()),
            new Column(StepsCsv.LATENCY_MEAN_MS, r -> r.client().latencyMeanMs()),
            new Column(StepsCsv.LATENCY_P90_MS, r -> r.client().latencyP90Ms()),
            new Column(StepsCsv.LATENCY_MAX_MS, r -> r.client().latencyMaxMs()),
            new Column(StepsCsv.REQUESTS, r -> r.client().sent()),
            new Column(StepsCsv.ERRORS_HTTP_4XX, r -> r.client().errorsByCause().get(Outcome.HTTP_4XX.key())),
            new Column(StepsCsv.ERRORS_HTTP_5XX, r -> r.client().errorsByCause().get(Outcome.HTTP_5XX.key())),
            new Column(StepsCsv.ERRORS_TIMEOUT, r -> r.client().errorsByCause().get(Outcome.TIMEOUT.key())),
            new Column(
                    StepsCsv.ERRORS_CONNECTION, r -> r.client().errorsByCause().get(Outcome.CONNECTION.key())),
            new Column(
                    StepsCsv.ERRORS_BAD_RESPONSE,
                    r -> r.client().errorsByCause().get(Outcome.BAD_RESPONSE.key())),
            new Column(StepsCsv.APP_CPU_SOURCE, r -> r.server().appCpuSource()),
            new Column(StepsCsv.APP_CPU_PROC_CORES, r -> r.server().appCpuProcCores()),
            new Column(StepsCsv.POOL_IDLE_AVG, r -> r.server().poolIdleAvg()),
            new Column(StepsCsv.POOL_MAX, r -> r.server().poolMax()),
            new Column(StepsCsv.POOL_TIMEOUTS, r -> r.server().poolTimeouts()),
            new Column(StepsCsv.TOMCAT_BUSY_THREADS_AVG, r -> r.server().tomcatBusyThreadsAvg()),
            new Column(StepsCsv.GC_PAUSE_MS_PER_S, r -> r.server().gcPauseMsPerS()),
            new Column(StepsCsv.HEAP_USED_MB_AVG, r -> r.server().heapUsedMbAvg()),
            new Column(StepsCsv.APP_MEMORY_MIB_MAX, r -> r.server().appMemoryMibMax()),
            new Column(StepsCsv.SERVER_LATENCY_MS_AVG, r -> r.server().serverLatencyMsAvg()),
            new Column(StepsCsv.SERVER_RPS, r -> r.server().serverRps()),
            new Column(StepsCsv.INJECTOR_CPU_CORES, r -> r.server().injectorCpuCores()),
            new Column(StepsCsv.HOST_CPU_BUSY_CORES, r -> r.server().hostBusyCores()),
            new Column(StepsCsv.HOST_CPU_IDLE_CORES, r -> r.server().hostIdleCores()),
            new Column(StepsCsv.DB_READ_MS_PER_S, r -> r.server().dbReadMsPerS()),
            new Column(StepsCsv.DB_WRITE_MS_PER_S, r -> r.server().dbWriteMsPerS()),
            new Column(StepsCsv.HOST_SPEED_OPS_PER_CPU_S, r -> r.server().hostSpeedOpsPerCpuS()),
            new Column(StepsCsv.CPU_THROTTLED_SHARE, r -> r.server().cpuThrottledShare()),
            new Column(StepsCsv.CPU_THROTTLED_MS_PER_S, r -> r.server().cpuThrottledMsPerS()),
            new Column(StepsCsv.SLO_MET, StepResult::sloMet),
            new Column(StepsCsv.INVALID_REASON, r -> r.validity().reason()),
            new Column(StepsCsv.STEADY_START, StepResult::steadyStart),
            new Column(StepsCsv.STEADY_END, StepResult::steadyEnd));

    /** The columns measured at the service and its database rather than by the injector. */
    static final List<String> SERVER_SIDE = List.of(
            StepsCsv.APP_CPU_CORES,
            StepsCsv.APP_CPU_PROC_CORES,
            StepsCsv.APP_MEMORY_MIB_MAX,
            StepsCsv.DB_CPU_CORES,
            StepsCsv.POOL_ACTIVE_AVG,
            StepsCsv.POOL_PENDING_AVG,
            StepsCsv.POOL_IDLE_AVG,
            StepsCsv.POOL_MAX,
            StepsCsv.POOL_TIMEOUTS,
            StepsCsv.CONN_ACQUIRE_MS_AVG,
            StepsCsv.CONN_USAGE_MS_AVG,
            StepsCsv.TOMCAT_BUSY_THREADS_AVG,
            StepsCsv.GC_PAUSE_MS_PER_S,
            StepsCsv.HEAP_USED_MB_AVG,
            StepsCsv.SERVER_LATENCY_MS_AVG,
            StepsCsv.SERVER_RPS,
            StepsCsv.DB_READ_MS_PER_S,
            StepsCsv.DB_WRITE_MS_PER_S,
            StepsCsv.CPU_THROTTLED_SHARE,
            StepsCsv.CPU_THROTTLED_MS_PER_S);

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
