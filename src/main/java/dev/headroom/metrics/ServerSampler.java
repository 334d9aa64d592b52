package dev.headroom.metrics;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads /proc once per interval, and the service's Prometheus endpoint every {@code scrapeEvery}
 * intervals, on a thread of its own and keeps every sample, so each step can be summarised over
 * exactly its steady window. Each sample also times the host's speed ({@link HostSpeedProbe}: about
 * 2 ms of CPU).
 */
public final class ServerSampler implements AutoCloseable {

    /** Where the figures come from; any part may be absent (an external target without metrics). */
    public record Sources(
            Optional<URI> prometheusUrl,
            OptionalLong appPid,
            OptionalLong dbPid,
            OptionalLong appPort,
            Optional<StatementTimes> dbStatements,
            Optional<Path> appCpuStat) {

        /** Without the service's cgroup {@code cpu.stat}: no throttling figures. */
        public Sources(
                Optional<URI> prometheusUrl,
                OptionalLong appPid,
                OptionalLong dbPid,
                OptionalLong appPort,
                Optional<StatementTimes> dbStatements) {
            this(prometheusUrl, appPid, dbPid, appPort, dbStatements, Optional.empty());
        }
    }

    /**
     * The standard process metric of the Prometheus client libraries (Go, Python, Java simpleclient,
     * Node): what a service not built on Micrometer exposes for its CPU (its memory: {@link AppMemory}).
     */
    static final String PROCESS_CPU_SECONDS = "process_cpu_seconds_total";

    private final Sources sources;
    private final NanoClock clock;
    private final HttpClient http;
    private final Duration scrapeTimeout;
    private final List<ServerSample> samples = new ArrayList<>();
    private final ScheduledExecutorService executor;
    private final List<Runnable> listeners = new ArrayList<>();
    private final HostSpeedProbe probe = new HostSpeedProbe(); // on the sampler's thread only
    private volatile int scrapeEvery;
    private long taken; // on the sampler's thread only
    private JvmMemoryFloor jvmMemory; // guarded by this

    /**
     * @param scrapeEvery the actuator is scraped on every {@code scrapeEvery}-th sample (the first
     *     included): 1 when its figures are the run's, more when a Prometheus scrapes the same meters
     *     and Headroom's own scrape is only the cross-check and the warm-up's JIT reading (a scrape
     *     costs the service about 5 ms of CPU: docs/metrics.md, "What Headroom's own sampling costs")
     */
    public ServerSampler(Sources sources, NanoClock clock, Duration interval, int scrapeEvery) {
        this.sources = sources;
        this.clock = clock;
        scrapeEvery(scrapeEvery);
        // a scrape must finish well inside the interval, or samples pile up behind a slow service
        this.scrapeTimeout = interval.multipliedBy(8).dividedBy(10);
        this.http = HttpClient.newBuilder()
                .connectTimeout(scrapeTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "headroom-sampler");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many samples apart the actuator is scraped now. */
    public int scrapeEvery() {
        return scrapeEvery;
    }

    /**
     * Changes how many samples apart the actuator is scraped, from the next sample on: a search's
     * warm-up reads the JIT and the CPU of every window and every pause from the sampler's own
     * scrapes, so it asks for all of them while it runs (SearchDriver).
     */
    public void scrapeEvery(int n) {
        if (n < 1) throw new IllegalArgumentException("scrapeEvery must be >= 1, got " + n);
        scrapeEvery = n;
    }

    /** Runs {@code listener} on the sampler thread after every sample (for liveness checks). */
    public synchronized void onSample(Runnable listener) {
        listeners.add(listener);
    }

    /** The service's JVM memory floor over every scrape so far; empty when the endpoint has no JVM memory gauges. */
    public synchronized Optional<JvmMemoryFloor> jvmMemoryFloor() {
        return Optional.ofNullable(jvmMemory);
    }

    private synchronized void seeJvmMemory(JvmMemoryFloor reading) {
        jvmMemory = jvmMemory == null ? reading : jvmMemory.max(reading);
    }

    /** The samples taken within [fromNanos, toNanos]. */
    public synchronized List<ServerSample> between(long fromNanos, long toNanos) {
        return samples.stream()
                .filter(s -> s.atNanos() >= fromNanos && s.atNanos() <= toNanos)
                .toList();
    }

    private void sampleQuietly() {
        try {
            ServerSample sample = sample();
            List<Runnable> toRun;
            synchronized (this) {
                samples.add(sample);
                toRun = List.copyOf(listeners);
            }
            toRun.forEach(Runnable::run);
        } catch (RuntimeException e) {
            // a sampler that dies silently would lose the rest of the run's server figures
            System.err.println("headroom: sampling failed: " + e);
        }
    }

    ServerSample sample() {
        long at = clock.nanoTime();
        boolean scrapeDue = taken++ % scrapeEvery == 0;
        PrometheusText scrape = scrapeDue ? scrape() : null;
        double appProc = sources.appPid().isPresent()
                ? ProcCpu.processCpuS(sources.appPid().getAsLong()).orElse(Double.NaN)
                : Double.NaN;
        double appRss = sources.appPid().isPresent()
                ? ProcCpu.residentBytes(sources.appPid().getAsLong()).orElse(Double.NaN)
                : Double.NaN;
        double dbProc = sources.dbPid().isPresent()
                ? ProcCpu.processCpuS(sources.dbPid().getAsLong()).orElse(Double.NaN)
                : Double.NaN;
        StatementTimes.Totals statements =
                sources.dbStatements().map(StatementTimes::read).orElse(StatementTimes.Totals.UNMEASURED);
        ProcCpu.HostCpu host = ProcCpu.host();
        double injector = injectorCpuS();
        HostSpeedProbe.Totals speed = probe.read();
        CfsThrottling throttling = CfsThrottling.read(sources.appCpuStat());
        if (scrape == null) scrape = PrometheusText.parse(""); // a missed or skipped scrape: every figure of it is NaN
        appRss = AppMemory.read(appRss, scrape).bytes(); // /proc, else the endpoint's (a process not found here)
        JvmMemoryFloor.read(scrape).ifPresent(this::seeJvmMemory);
        Predicate<Map<String, String>> appConnector = l -> sources.appPort().isEmpty()
                || l.getOrDefault("name", "").endsWith("-" + sources.appPort().getAsLong());
        Predicate<Map<String, String>> heap = l -> "heap".equals(l.get("area"));
        Predicate<Map<String, String>> notActuator =
                l -> !l.getOrDefault("uri", "").startsWith("/actuator");
        return new ServerSample(
                at,
                scrapeDue,
                !scrape.samples().isEmpty(),
                appCpuSeconds(scrape),
                appProc,
                appRss,
                dbProc,
                injector,
                host.busyS(),
                host.totalS(),
                scrape.sum(MeterNames.POOL_ACTIVE),
                scrape.sum(MeterNames.POOL_IDLE),
                scrape.sum(MeterNames.POOL_PENDING),
                scrape.sum(MeterNames.POOL_MAX),
                scrape.sum(MeterNames.POOL_ACQUIRE_SUM),
                scrape.sum(MeterNames.POOL_ACQUIRE_COUNT),
                scrape.sum(MeterNames.POOL_USAGE_SUM),
                scrape.sum(MeterNames.POOL_USAGE_COUNT),
                scrape.sum(MeterNames.POOL_TIMEOUTS),
                scrape.sum(MeterNames.TOMCAT_BUSY_THREADS, appConnector),
                scrape.sum(MeterNames.GC_PAUSE_SUM),
                scrape.sum(MeterNames.MEMORY_USED, heap),
                scrape.sum(MeterNames.HTTP_SERVER_SUM, notActuator),
                scrape.sum(MeterNames.HTTP_SERVER_COUNT, notActuator),
                statements.readS(),
                statements.writeS(),
                scrape.sum(MeterNames.JIT_COMPILATION_MS),
                speed.ops(),
                speed.cpuS(),
                throttling.periods(),
                throttling.throttledPeriods(),
                throttling.throttledS());
    }

    /** Micrometer's process.cpu.time, else the Prometheus client libraries' process_cpu_seconds_total. */
    public static double appCpuSeconds(PrometheusText scrape) {
        double micrometer = scrape.sum(MeterNames.PROCESS_CPU_TIME_NS) / 1e9;
        return Double.isNaN(micrometer) ? scrape.sum(PROCESS_CPU_SECONDS) : micrometer;
    }

    private PrometheusText scrape() {
        if (sources.prometheusUrl().isEmpty()) return null;
        try {
            HttpRequest request = HttpRequest.newBuilder(sources.prometheusUrl().get())
                    .timeout(scrapeTimeout)
                    .header("Accept", "text/plain;version=0.0.4")
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? PrometheusText.parse(response.body()) : null;
        } catch (java.io.IOException e) {
            return null; // a saturated service misses scrapes; /proc still has its CPU
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static double injectorCpuS() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** Stops sampling; returns once no sample or listener is running any more. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
