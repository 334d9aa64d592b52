package dev.headroom.load;

import dev.headroom.lab.Lab;
import dev.headroom.lab.LabException;
import dev.headroom.lab.LabSettings;
import dev.headroom.lab.PrometheusProcess;
import dev.headroom.lab.PrometheusSetting;
import dev.headroom.metrics.PromQueries;
import dev.headroom.metrics.PrometheusApi;
import dev.headroom.metrics.PrometheusSource;
import dev.headroom.metrics.ServerSource;
import dev.headroom.metrics.StepsCsv;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decides where a run's Micrometer figures come from ({@code -Dheadroom.prometheus}), starts the
 * Prometheus server when Headroom is to run one, and says in run.json ({@code metrics}) which
 * source was used and how. Headroom's own sampler runs in every case: it alone reads /proc, and
 * with Prometheus as the source its scrape of the actuator is the cross-check.
 */
final class ServerMetrics implements AutoCloseable {
    /** Time for Prometheus's first scrape: it applies new targets after up to 5 s, then scrapes. */
    private static final Duration PROMETHEUS_READY_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);

    /** The figures Prometheus does not have: they always come from Headroom's own sampler. */
    static final List<String> FROM_PROC = List.of(
            StepsCsv.APP_CPU_PROC_CORES,
            StepsCsv.APP_MEMORY_MIB_MAX,
            StepsCsv.DB_CPU_CORES,
            StepsCsv.INJECTOR_CPU_CORES,
            StepsCsv.HOST_CPU_BUSY_CORES,
            StepsCsv.HOST_CPU_IDLE_CORES,
            StepsCsv.DB_READ_MS_PER_S,
            StepsCsv.DB_WRITE_MS_PER_S,
            StepsCsv.HOST_SPEED_OPS_PER_CPU_S,
            StepsCsv.CPU_THROTTLED_SHARE,
            StepsCsv.CPU_THROTTLED_MS_PER_S);

    private final ServerSource source;
    private final Map<String, Object> facts;
    private final PrometheusProcess started; // null unless Headroom started it

    private ServerMetrics(ServerSource source, Map<String, Object> facts, PrometheusProcess started) {
        this.source = source;
        this.facts = facts;
        this.started = started;
    }

    /** Refuses, before anything starts, a setting this machine cannot honour. */
    static void check(LabSettings settings) {
        if (settings.prometheus() instanceof PrometheusSetting.Start
                && PrometheusProcess.onPath().isEmpty()) {
            throw new LabException("-D" + PrometheusSetting.KEY + "=start: there is no prometheus executable on the"
                    + " PATH (" + System.getenv("PATH") + "); install Prometheus (Debian: apt-get install"
                    + " prometheus), or use auto, off, or the URL of a running Prometheus");
        }
    }

    /**
     * Launches, without waiting, the Prometheus the settings would have {@link #open} start, for a
     * service whose metrics endpoint {@code scrape} is known while it still starts: Prometheus's
     * first 5 s then pass during the service's start (PrometheusProcess#launch). Empty when no
     * Prometheus is to be started or it could not be launched; {@link #open} then goes the usual
     * way and says why. Never throws.
     */
    static Optional<PrometheusProcess> launchEarly(
            LabSettings settings, URI scrape, Path runDir, Consumer<String> say) {
        PrometheusSetting setting = settings.prometheus();
        if (!setting.startsOwnPrometheus()) return Optional.empty();
        Optional<Path> binary = PrometheusProcess.onPath();
        if (binary.isEmpty()) return Optional.empty();
        try {
            PrometheusProcess p = PrometheusProcess.launch(binary.get(), scrape, runDir);
            say.accept("starting Prometheus (" + binary.get() + ") beside the service, to scrape " + scrape + " every "
                    + PrometheusProcess.SCRAPE_INTERVAL.toSeconds() + " s");
            return Optional.of(p);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Opens the source the settings ask for. {@code sampleInterval}: Headroom's own sampling
     * interval. Fails, before any load, when a Prometheus that was asked for cannot serve the run.
     */
    static ServerMetrics open(
            LabSettings settings, Lab.Target target, Path runDir, Duration sampleInterval, Consumer<String> say) {
        return open(settings, target, runDir, sampleInterval, say, Optional.empty());
    }

    /**
     * As above, with the Prometheus {@link #launchEarly} started while the service started: it is
     * adopted when it scrapes the target's endpoint, else stopped. Once this returns, the returned
     * source owns it; when this throws, it has been stopped.
     */
    static ServerMetrics open(
            LabSettings settings,
            Lab.Target target,
            Path runDir,
            Duration sampleInterval,
            Consumer<String> say,
            Optional<PrometheusProcess> early) {
        Optional<PrometheusProcess> launched =
                early.filter(p -> target.prometheusUrl().equals(Optional.of(p.scrapes())) && p.isAlive());
        if (early.isPresent() && launched.isEmpty()) early.get().close();
        try {
            return openSource(settings, target, runDir, sampleInterval, say, launched);
        } catch (RuntimeException e) {
            launched.ifPresent(PrometheusProcess::close);
            throw e;
        }
    }

    private static ServerMetrics openSource(
            LabSettings settings,
            Lab.Target target,
            Path runDir,
            Duration sampleInterval,
            Consumer<String> say,
            Optional<PrometheusProcess> launched) {
        PrometheusSetting setting = settings.prometheus();
        Optional<URI> scrape = target.prometheusUrl();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("setting", setting.describe());
        if (setting instanceof PrometheusSetting.Existing existing) {
            return existing(existing, target, scrape, facts, say);
        }
        String whyDirect;
        if (!setting.startsOwnPrometheus()) {
            whyDirect = "-D" + PrometheusSetting.KEY + "=off";
        } else if (scrape.isEmpty()) {
            whyDirect = "the target has no metrics endpoint to scrape (-Dheadroom.target.metrics)";
        } else {
            Optional<Path> binary = PrometheusProcess.onPath();
            if (binary.isEmpty() && launched.isEmpty()) {
                whyDirect = "auto: no prometheus executable on the PATH";
            } else {
                if (launched.isEmpty())
                    say.accept("starting Prometheus (" + binary.get() + "), scraping " + scrape.get() + " every "
                            + PrometheusProcess.SCRAPE_INTERVAL.toSeconds() + " s");
                try {
                    // started now or beside the service, it is waited for the same way (start = launch + await)
                    PrometheusProcess p = launched.isPresent()
                            ? launched.get()
                            : PrometheusProcess.launch(binary.get(), scrape.get(), runDir);
                    p.awaitTargetUp(PROMETHEUS_READY_TIMEOUT);
                    return started(p, target, scrape.get(), facts, say);
                } catch (RuntimeException e) {
                    if (setting instanceof PrometheusSetting.Start) throw e;
                    whyDirect = "auto: the prometheus on the PATH could not serve the run: " + e.getMessage();
                    say.accept("WARNING: " + whyDirect + "; sampling the actuator directly instead");
                }
            }
        }
        facts.put("source", "direct");
        facts.put("why", whyDirect);
        facts.put("direct_scrape", scrape.map(URI::toString).orElse("none"));
        facts.put("scrape_interval_s", sampleInterval.toMillis() / 1000.0);
        say.accept("server figures: Headroom's own scrape of "
                + scrape.map(URI::toString).orElse("(no metrics endpoint)") + " and /proc (" + whyDirect + ")");
        return new ServerMetrics(ServerSource.DIRECT, facts, null);
    }

    private static ServerMetrics started(
            PrometheusProcess p, Lab.Target target, URI scrape, Map<String, Object> facts, Consumer<String> say) {
        PromQueries queries = new PromQueries(PrometheusSetting.DEFAULT_SELECTOR, target.appPort());
        double intervalS = PrometheusProcess.SCRAPE_INTERVAL.toMillis() / 1000.0;
        facts.put("source", "prometheus");
        facts.put("prometheus_url", p.url().toString());
        facts.put("started_by_headroom", true);
        facts.put("prometheus_version", p.version());
        facts.put("prometheus_pid", p.pid());
        facts.put("config_file", PrometheusProcess.CONFIG_FILE);
        facts.put("log_file", PrometheusProcess.LOG_FILE);
        facts.put("data_dir", p.dataDir().toString());
        facts.put("scrape_interval_s", intervalS);
        facts.put("selector", PrometheusSetting.DEFAULT_SELECTOR);
        describeQueries(queries, facts);
        facts.put("direct_scrape", scrape.toString());
        say.accept("server figures: Prometheus " + p.version() + " at " + p.url() + " (pid " + p.pid()
                + "); /proc figures and the cross-check from Headroom's own sampler");
        ServerSource source = new PrometheusSource(
                new PrometheusApi(p.url(), QUERY_TIMEOUT), queries, maxIngestWait(intervalS), Clock.systemUTC());
        return new ServerMetrics(source, facts, p);
    }

    private static ServerMetrics existing(
            PrometheusSetting.Existing existing,
            Lab.Target target,
            Optional<URI> scrape,
            Map<String, Object> facts,
            Consumer<String> say) {
        PrometheusApi api = new PrometheusApi(existing.url(), QUERY_TIMEOUT);
        PromQueries queries = new PromQueries(existing.selector(), target.appPort());
        String version;
        try {
            version = api.version();
        } catch (IOException e) {
            throw new LabException("the Prometheus at " + existing.url() + " (-D" + PrometheusSetting.KEY
                    + ") did not answer: " + e.getMessage() + ". No load was sent.");
        }
        checkUp(api, queries, existing);
        double intervalS = scrapeIntervalS(api.queryNow(queries.up() + "[1m]", Instant.now()));
        facts.put("source", "prometheus");
        facts.put("prometheus_url", existing.url().toString());
        facts.put("started_by_headroom", false);
        facts.put("prometheus_version", version);
        facts.put("scrape_interval_s", Double.isNaN(intervalS) ? "unknown" : intervalS);
        facts.put("selector", existing.selector());
        describeQueries(queries, facts);
        facts.put("direct_scrape", scrape.map(URI::toString).orElse("none: no cross-check"));
        say.accept("server figures: Prometheus " + version + " at " + existing.url() + ", series {"
                + existing.selector() + "}, scraped every "
                + (Double.isNaN(intervalS) ? "? " : String.format(Locale.ROOT, "%.1f ", intervalS)) + "s");
        if (intervalS > 2) {
            say.accept("WARNING: a step's figures need at least two scrapes in its steady window; scrape every"
                    + " second, as docker/prometheus/prometheus.yml does");
        }
        ServerSource source = new PrometheusSource(
                api, queries, maxIngestWait(Double.isNaN(intervalS) ? 1 : intervalS), Clock.systemUTC());
        return new ServerMetrics(source, facts, null);
    }

    /** The selector must pick at least one target Prometheus scrapes successfully now. */
    private static void checkUp(PrometheusApi api, PromQueries queries, PrometheusSetting.Existing existing) {
        PrometheusApi.Result up = api.queryNow(queries.up(), Instant.now());
        String problem = null;
        if (up instanceof PrometheusApi.Failure f) {
            problem = "the query " + queries.up() + " failed: " + f.why();
        } else if (((PrometheusApi.Series) up).series().isEmpty()) {
            problem = "it scrapes no target whose series match {" + existing.selector() + "}";
        } else if (((PrometheusApi.Series) up).series().stream().noneMatch(s -> s.value() == 1)) {
            problem = "every target matching {" + existing.selector() + "} is down";
        }
        if (problem != null) {
            throw new LabException("the Prometheus at " + existing.url() + " cannot give the service's figures: "
                    + problem + ". Set -D" + PrometheusSetting.SELECTOR_KEY
                    + " to label matchers of your service's series (default " + PrometheusSetting.DEFAULT_SELECTOR
                    + ", the compose file's job). No load was sent.");
        }
    }

    /** The median time between the scrapes of the first series of {@code up[1m]}, in seconds. */
    static double scrapeIntervalS(PrometheusApi.Result upRange) {
        if (!(upRange instanceof PrometheusApi.Series s) || s.series().isEmpty()) return Double.NaN;
        List<PrometheusApi.Point> points = s.series().get(0).points();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            gaps.add(
                    Duration.between(points.get(i - 1).at(), points.get(i).at()).toMillis());
        }
        if (gaps.isEmpty()) return Double.NaN;
        gaps.sort(null);
        return gaps.get(gaps.size() / 2) / 1000.0;
    }

    private static void describeQueries(PromQueries queries, Map<String, Object> facts) {
        facts.put(
                "evaluation",
                "instant queries (/api/v1/query) at each step's steady_end, " + PromQueries.WINDOW
                        + " = the steady window's length in ms");
        Map<String, String> q = new LinkedHashMap<>();
        queries.templates().forEach((figure, promql) -> q.put(figure.column(), promql));
        facts.put("queries", q);
        facts.put("from_proc", FROM_PROC);
    }

    /** How long a step waits for Prometheus to hold a scrape past its window: a few scrapes, at least 10 s. */
    private static Duration maxIngestWait(double scrapeIntervalS) {
        return Duration.ofMillis((long) (10_000 + 3_000 * scrapeIntervalS));
    }

    ServerSource source() {
        return source;
    }

    /**
     * How often Headroom's own sampler scrapes the service: every sample when its figures are the
     * run's, less often beside a Prometheus (LoadRun); run.json says it beside Prometheus's interval.
     */
    void directScrapeInterval(Duration interval) {
        if (facts.containsKey("direct_scrape")) facts.put("direct_scrape_interval_s", interval.toMillis() / 1000.0);
    }

    /** What run.json says under {@code metrics}. */
    Map<String, Object> facts() {
        return Collections.unmodifiableMap(facts);
    }

    @Override
    public void close() {
        if (started != null) started.close();
    }
}
