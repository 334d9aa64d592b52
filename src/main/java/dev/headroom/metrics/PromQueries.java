package dev.headroom.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The PromQL of each Micrometer figure of a step, written to mean what {@link StepSummarizer}
 * computes from Headroom's own samples, over exactly the step's steady window.
 *
 * <p>Each query is an instant query evaluated at the window's end with a range as long as the
 * window ({@code [6000ms]} for a 6 s step), so the range selects the samples scraped inside the
 * window and nothing else:
 *
 * <ul>
 *   <li>rates of counters: {@code rate()}, which for samples that span the window, as one-second
 *       scrapes do, is the growth between the first and last sample over the time between them, the
 *       sampler's own rate;
 *   <li>gauges: {@code avg_over_time()}, the mean of the window's samples;
 *   <li>mean durations of timers: {@code increase(sum) / increase(count)}, the growth of the time
 *       spent over the growth of the count (both extrapolated alike, so the ratio is not);
 *   <li>the timeout count: {@code max_over_time - min_over_time} of a counter, its growth between
 *       the first and last sample without extrapolation, as the sampler counts it.
 * </ul>
 *
 * Every figure sums over the selected series (pools, GC causes, heap areas, URIs), as the sampler
 * sums a scrape. {@code /api/v1/query_range} would return a series per step where one number is
 * wanted.
 */
public final class PromQueries {

    /** The figures Prometheus can give: every one Micrometer exposes. /proc figures are not among them. */
    public enum Figure {
        APP_CPU_CORES(StepsCsv.APP_CPU_CORES),
        SERVER_RPS(StepsCsv.SERVER_RPS),
        SERVER_LATENCY_MS_AVG(StepsCsv.SERVER_LATENCY_MS_AVG),
        POOL_ACTIVE_AVG(StepsCsv.POOL_ACTIVE_AVG),
        POOL_IDLE_AVG(StepsCsv.POOL_IDLE_AVG),
        POOL_PENDING_AVG(StepsCsv.POOL_PENDING_AVG),
        POOL_MAX(StepsCsv.POOL_MAX),
        CONN_ACQUIRE_MS_AVG(StepsCsv.CONN_ACQUIRE_MS_AVG),
        CONN_USAGE_MS_AVG(StepsCsv.CONN_USAGE_MS_AVG),
        POOL_TIMEOUTS(StepsCsv.POOL_TIMEOUTS),
        TOMCAT_BUSY_THREADS_AVG(StepsCsv.TOMCAT_BUSY_THREADS_AVG),
        GC_PAUSE_MS_PER_S(StepsCsv.GC_PAUSE_MS_PER_S),
        HEAP_USED_MB_AVG(StepsCsv.HEAP_USED_MB_AVG);

        private final String column;

        Figure(String column) {
            this.column = column;
        }

        /** Its name in steps.csv. */
        public String column() {
            return column;
        }
    }

    /** Stands for the window in {@link #templates}; each step's query has its own length there. */
    public static final String WINDOW = "$window";

    /** Requests to the actuator are Prometheus's and Headroom's scrapes, not the load. */
    private static final String NOT_ACTUATOR = "uri!~\"/actuator.*\"";

    private final String selector;
    private final OptionalLong appPort;

    /**
     * @param selector label matchers without braces that pick the service's series
     * @param appPort the service's own port when known: Tomcat's busy threads are then counted on its
     *     connector only, not on the management server's
     */
    public PromQueries(String selector, OptionalLong appPort) {
        this.selector = selector;
        this.appPort = appPort;
    }

    /** The queries of one window. */
    public Map<Figure, String> forWindow(Duration window) {
        return build(window.toMillis() + "ms");
    }

    /** The queries with {@link #WINDOW} where the window's length goes, for run.json. */
    public Map<Figure, String> templates() {
        return build(WINDOW);
    }

    private Map<Figure, String> build(String w) {
        Map<Figure, String> q = new EnumMap<>(Figure.class);
        // Micrometer's process.cpu.time, or for a service not built on Micrometer the Prometheus
        // client libraries' process_cpu_seconds_total, as the direct sampler reads them
        q.put(
                Figure.APP_CPU_CORES,
                "(" + rate(MeterNames.PROCESS_CPU_TIME_NS, w, null) + " / 1e9) or "
                        + rate(ServerSampler.PROCESS_CPU_SECONDS, w, null));
        q.put(Figure.SERVER_RPS, rate(MeterNames.HTTP_SERVER_COUNT, w, NOT_ACTUATOR));
        q.put(
                Figure.SERVER_LATENCY_MS_AVG,
                meanOf(MeterNames.HTTP_SERVER_SUM, MeterNames.HTTP_SERVER_COUNT, w, NOT_ACTUATOR) + " * 1000");
        q.put(Figure.POOL_ACTIVE_AVG, average(MeterNames.POOL_ACTIVE, w, null));
        q.put(Figure.POOL_IDLE_AVG, average(MeterNames.POOL_IDLE, w, null));
        q.put(Figure.POOL_PENDING_AVG, average(MeterNames.POOL_PENDING, w, null));
        q.put(Figure.POOL_MAX, average(MeterNames.POOL_MAX, w, null));
        q.put(
                Figure.CONN_ACQUIRE_MS_AVG,
                meanOf(MeterNames.POOL_ACQUIRE_SUM, MeterNames.POOL_ACQUIRE_COUNT, w, null) + " * 1000");
        q.put(
                Figure.CONN_USAGE_MS_AVG,
                meanOf(MeterNames.POOL_USAGE_SUM, MeterNames.POOL_USAGE_COUNT, w, null) + " * 1000");
        String timeouts = series(MeterNames.POOL_TIMEOUTS, null) + "[" + w + "]";
        q.put(Figure.POOL_TIMEOUTS, "sum(max_over_time(" + timeouts + ") - min_over_time(" + timeouts + "))");
        String connector = appPort.isPresent() ? "name=~\".*-" + appPort.getAsLong() + "\"" : null;
        q.put(Figure.TOMCAT_BUSY_THREADS_AVG, average(MeterNames.TOMCAT_BUSY_THREADS, w, connector));
        q.put(Figure.GC_PAUSE_MS_PER_S, rate(MeterNames.GC_PAUSE_SUM, w, null) + " * 1000");
        q.put(Figure.HEAP_USED_MB_AVG, average(MeterNames.MEMORY_USED, w, "area=\"heap\"") + " / 1048576");
        return q;
    }

    /**
     * The JVM memory floor's three readings over {@code range} (metrics.JvmMemoryFloor), one answer
     * per JVM: the selector may pick several (replicas, or a service restarted during the run), which
     * share every label but the pool's {@code id} and {@code area}. The heap pools' maxima come one
     * series per pool (the pools decide how they add up); the non-heap committed and the direct
     * buffers as each pool's largest, summed per JVM.
     */
    public JvmMemoryQueries jvmMemory(Duration range) {
        String r = "[" + Math.max(1, range.toSeconds()) + "s]";
        return new JvmMemoryQueries(
                "max_over_time(" + series(JvmMemoryFloor.JVM_MEMORY_MAX, "area=\"heap\"") + r + ")",
                "sum without (id, area) (max_over_time(" + series(AppMemory.JVM_MEMORY_COMMITTED, "area=\"nonheap\"")
                        + r + "))",
                "sum without (id) (max_over_time("
                        + series(JvmMemoryFloor.JVM_BUFFER_MEMORY_USED, "id=\"" + JvmMemoryFloor.DIRECT_POOL + "\"")
                        + r + "))");
    }

    /** The PromQL of {@link #jvmMemory}. */
    public record JvmMemoryQueries(String heapPoolMaxima, String nonHeapCommitted, String directBuffers) {}

    /** The series Prometheus appends at every scrape, up or not: its newest timestamp is the newest scrape. */
    public String newestScrape() {
        return "min(timestamp(up{" + selector + "}))";
    }

    /** Whether the target is up now, per series. */
    public String up() {
        return "up{" + selector + "}";
    }

    private String series(String name, String extra) {
        return name + "{" + selector + (extra == null ? "" : "," + extra) + "}";
    }

    private String rate(String name, String w, String extra) {
        return "sum(rate(" + series(name, extra) + "[" + w + "]))";
    }

    private String average(String name, String w, String extra) {
        return "sum(avg_over_time(" + series(name, extra) + "[" + w + "]))";
    }

    private String meanOf(String sum, String count, String w, String extra) {
        return "sum(increase(" + series(sum, extra) + "[" + w + "])) / sum(increase(" + series(count, extra) + "[" + w
                + "]))";
    }
}
