package dev.headroom.metrics;

import dev.headroom.metrics.PromQueries.Figure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The step's Micrometer figures from a Prometheus server, by the queries of {@link PromQueries}.
 * A step is read once Prometheus holds a scrape at or after its window's end (before that, the end
 * of the window would be missing); if none comes within {@code maxIngestWait}, the step is read
 * anyway and says so. A figure whose query fails or finds nothing is NaN, and the step's notes say
 * why; only the service's CPU is then taken from /proc, and its source says so.
 */
public final class PrometheusSource implements ServerSource {
    /** All of a step's queries together must finish within this; each step waits for them once. */
    private static final Duration QUERY_LIMIT = Duration.ofSeconds(5);

    private final PrometheusApi api;
    private final PromQueries queries;
    private final Duration maxIngestWait;
    private final Clock clock;
    private Instant newestScrape = Instant.EPOCH;
    private String lastIngestProblem = "";

    public PrometheusSource(PrometheusApi api, PromQueries queries, Duration maxIngestWait, Clock clock) {
        this.api = api;
        this.queries = queries;
        this.maxIngestWait = maxIngestWait;
        this.clock = clock;
    }

    @Override
    public synchronized boolean ready(Instant windowEnd) {
        if (ingestedPast(windowEnd)) return true;
        return clock.instant().isAfter(windowEnd.plus(maxIngestWait));
    }

    private boolean ingestedPast(Instant windowEnd) {
        if (!newestScrape.isBefore(windowEnd)) return true;
        PrometheusApi.Result r = api.queryNow(queries.newestScrape(), clock.instant());
        if (r instanceof PrometheusApi.Series s && !s.series().isEmpty()) {
            double seconds = s.series().get(0).value();
            if (!Double.isNaN(seconds)) {
                Instant newest = Instant.ofEpochMilli(Math.round(seconds * 1000));
                if (newest.isAfter(newestScrape)) newestScrape = newest;
                lastIngestProblem = "its newest scrape of the service was at " + newestScrape;
            }
        } else if (r instanceof PrometheusApi.Failure f) {
            lastIngestProblem = f.why();
        } else {
            lastIngestProblem = "it holds no scrape of the service (" + queries.up() + " is empty)";
        }
        return !newestScrape.isBefore(windowEnd);
    }

    @Override
    public ServerFigures figures(ServerFigures direct, Instant windowStart, Instant windowEnd) {
        List<String> notes = new ArrayList<>();
        synchronized (this) {
            if (!ingestedPast(windowEnd)) {
                notes.add(String.format(
                        Locale.ROOT,
                        "Prometheus had no scrape at or after the window's end %d s after it (%s): the"
                                + " figures miss the end of the window",
                        maxIngestWait.toSeconds(),
                        lastIngestProblem));
            }
        }
        Map<Figure, String> promql = queries.forWindow(Duration.between(windowStart, windowEnd));
        Map<Figure, CompletableFuture<PrometheusApi.Result>> pending = new EnumMap<>(Figure.class);
        promql.forEach((figure, q) -> pending.put(figure, api.query(q, windowEnd)));
        long deadline = System.nanoTime() + QUERY_LIMIT.toNanos();
        Map<Figure, Double> values = new EnumMap<>(Figure.class);
        for (Figure figure : Figure.values()) {
            PrometheusApi.Result result = PrometheusApi.await(pending.get(figure), left(deadline));
            values.put(figure, value(figure, result, notes));
        }
        return merge(direct, values, notes);
    }

    @Override
    public String name() {
        return "Prometheus at " + api.base();
    }

    /**
     * The floor from Prometheus's series of the service's JVM memory gauges over {@code range}: a
     * service of yours that Headroom reaches only through your Prometheus has no endpoint Headroom
     * scrapes itself. Each JVM the selector picks is read alone (its series share every label but
     * the pool's) and the floor is the largest JVM's: one replica's, not a sum of several nor a mix
     * of their figures. Empty when a query fails or no JVM has a heap maximum.
     */
    @Override
    public Optional<JvmMemoryFloor> jvmMemoryFloor(Duration range, Instant end) {
        PromQueries.JvmMemoryQueries q = queries.jvmMemory(range);
        CompletableFuture<PrometheusApi.Result> heap = api.query(q.heapPoolMaxima(), end);
        CompletableFuture<PrometheusApi.Result> nonHeap = api.query(q.nonHeapCommitted(), end);
        CompletableFuture<PrometheusApi.Result> direct = api.query(q.directBuffers(), end);
        long deadline = System.nanoTime() + QUERY_LIMIT.toNanos();
        PrometheusApi.Result pools = PrometheusApi.await(heap, left(deadline));
        PrometheusApi.Result nonHeaps = PrometheusApi.await(nonHeap, left(deadline));
        PrometheusApi.Result directs = PrometheusApi.await(direct, left(deadline));
        if (!(pools instanceof PrometheusApi.Series p)
                || !(nonHeaps instanceof PrometheusApi.Series n)
                || !(directs instanceof PrometheusApi.Series d)) return Optional.empty(); // a part failed
        Map<Map<String, String>, List<PrometheusText.Sample>> byJvm = new LinkedHashMap<>();
        for (PrometheusApi.Labeled x : p.series()) {
            byJvm.computeIfAbsent(jvm(x.labels()), k -> new ArrayList<>())
                    .add(new PrometheusText.Sample(JvmMemoryFloor.JVM_MEMORY_MAX, x.labels(), x.value()));
        }
        return byJvm.entrySet().stream()
                .map(e -> JvmMemoryFloor.of(e.getValue(), of(n, e.getKey()), of(d, e.getKey())))
                .flatMap(Optional::stream)
                .reduce((a, b) -> b.floorMib() > a.floorMib() ? b : a);
    }

    /** A series' labels without the pool's: what names its JVM. */
    private static Map<String, String> jvm(Map<String, String> labels) {
        Map<String, String> m = new TreeMap<>(labels);
        m.keySet().removeAll(Set.of("id", "area", "__name__"));
        return m;
    }

    /** The value of the series of {@code jvm} among {@code sums}; NaN (not exported) when it has none. */
    private static double of(PrometheusApi.Series sums, Map<String, String> jvm) {
        return sums.series().stream()
                .filter(x -> jvm(x.labels()).equals(jvm))
                .mapToDouble(PrometheusApi.Labeled::value)
                .findFirst()
                .orElse(Double.NaN);
    }

    private static Duration left(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** The figure's number, or NaN with a note saying why there is none. */
    static double value(Figure figure, PrometheusApi.Result result, List<String> notes) {
        if (result instanceof PrometheusApi.Failure f) {
            notes.add(figure.column() + ": the query failed: " + f.why());
            return Double.NaN;
        }
        List<PrometheusApi.Labeled> series = ((PrometheusApi.Series) result).series();
        if (series.isEmpty()) {
            notes.add(figure.column() + ": no series in the window (the meter is not exposed, the selector"
                    + " picks nothing, or fewer than two scrapes fell in the window)");
            return Double.NaN;
        }
        if (series.size() > 1) {
            notes.add(figure.column() + ": " + series.size() + " series where one was expected");
            return Double.NaN;
        }
        double v = series.get(0).value();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            notes.add(figure.column() + ": nothing was counted in the window (" + v + ")");
            return Double.NaN;
        }
        return v;
    }

    /**
     * The step's figures: the Micrometer ones from Prometheus, the /proc ones from the sampler, and
     * the sampler's own reading of the CPU and the request rate beside Prometheus's.
     */
    static ServerFigures merge(ServerFigures direct, Map<Figure, Double> p, List<String> notes) {
        double cpu = p.get(Figure.APP_CPU_CORES);
        String cpuSource = "prometheus";
        if (Double.isNaN(cpu)) {
            cpu = direct.appCpuProcCores();
            cpuSource = Double.isNaN(cpu) ? "none" : "proc";
            notes.add("app_cpu_cores: taken from " + cpuSource + " instead of Prometheus");
        }
        CrossCheck check = new CrossCheck(
                CrossCheck.Agreement.of(p.get(Figure.APP_CPU_CORES), direct.appCpuCores()),
                direct.appCpuSource(),
                CrossCheck.Agreement.of(p.get(Figure.SERVER_RPS), direct.serverRps()));
        return ServerFigures.builder()
                .appCpuCores(cpu)
                .appCpuSource(cpuSource)
                .appCpuProcCores(direct.appCpuProcCores())
                .dbCpuCores(direct.dbCpuCores())
                .poolActiveAvg(p.get(Figure.POOL_ACTIVE_AVG))
                .poolIdleAvg(p.get(Figure.POOL_IDLE_AVG))
                .poolPendingAvg(p.get(Figure.POOL_PENDING_AVG))
                .poolMax(p.get(Figure.POOL_MAX))
                .connAcquireMsAvg(p.get(Figure.CONN_ACQUIRE_MS_AVG))
                .connUsageMsAvg(p.get(Figure.CONN_USAGE_MS_AVG))
                .poolTimeouts(p.get(Figure.POOL_TIMEOUTS))
                .tomcatBusyThreadsAvg(p.get(Figure.TOMCAT_BUSY_THREADS_AVG))
                .gcPauseMsPerS(p.get(Figure.GC_PAUSE_MS_PER_S))
                .heapUsedMbAvg(p.get(Figure.HEAP_USED_MB_AVG))
                .appMemoryMibMax(direct.appMemoryMibMax())
                .serverLatencyMsAvg(p.get(Figure.SERVER_LATENCY_MS_AVG))
                .serverRps(p.get(Figure.SERVER_RPS))
                .injectorCpuCores(direct.injectorCpuCores())
                .hostBusyCores(direct.hostBusyCores())
                .hostIdleCores(direct.hostIdleCores())
                .dbReadMsPerS(direct.dbReadMsPerS())
                .dbWriteMsPerS(direct.dbWriteMsPerS())
                .hostSpeedOpsPerCpuS(direct.hostSpeedOpsPerCpuS())
                .cpuThrottledShare(direct.cpuThrottledShare())
                .cpuThrottledMsPerS(direct.cpuThrottledMsPerS())
                .samples(direct.samples())
                .scrapesFailed(direct.scrapesFailed())
                .metricsSource("prometheus")
                .notes(notes)
                .crossCheck(Optional.of(check))
                .build();
    }
}
