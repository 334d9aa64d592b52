package dev.headroom.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus server Headroom starts for one run: the {@code prometheus} binary on the PATH, a
 * generated configuration that scrapes only the target's metrics endpoint every second, its data in
 * a temporary directory, listening on a free loopback port. {@link #close()} stops it (TERM, then
 * KILL) and deletes the data; the {@link Reaper} does both if the lab's JVM is killed outright.
 */
public final class PrometheusProcess implements AutoCloseable {
    /** The job name of the generated configuration: the compose file's, so one default selector fits both. */
    public static final String JOB = "service";

    public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    public static final String CONFIG_FILE = "prometheus.yml";
    public static final String LOG_FILE = "prometheus.log";

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path dataDir;
    private final URI url;
    private final Path log;
    private final URI metricsUrl;
    private volatile String version = "unknown";
    private boolean closed;

    private PrometheusProcess(Process process, Path dataDir, URI url, Path log, URI metricsUrl) {
        this.process = process;
        this.dataDir = dataDir;
        this.url = url;
        this.log = log;
        this.metricsUrl = metricsUrl;
    }

    /** The first executable {@code prometheus} on {@code path} (a PATH value), if any. */
    public static Optional<Path> findOnPath(String path) {
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    public static Optional<Path> onPath() {
        return findOnPath(System.getenv("PATH"));
    }

    /**
     * Starts {@code binary} scraping {@code metricsUrl}, writes its configuration and log into
     * {@code runDir}, and waits until it reports the target up. On failure it is stopped and the
     * exception says why, with the end of its log.
     */
    public static PrometheusProcess start(Path binary, URI metricsUrl, Path runDir, Duration readyTimeout) {
        PrometheusProcess started = launch(binary, metricsUrl, runDir);
        started.awaitTargetUp(readyTimeout);
        return started;
    }

    /**
     * Starts {@code binary} scraping {@code metricsUrl} and returns without waiting; {@link
     * #awaitTargetUp} waits. Why apart: Prometheus applies a new target only on its scrape manager's
     * next reload, about 5 s after it starts (the hidden --discovery.reload.interval is clamped to at
     * least 5 s there until prometheus#13147, 2024; Debian 12 ships 2.42), so a Prometheus launched
     * while the service is still starting has the target in place when the service is ready, and its
     * first scrape follows within a second instead of after those 5 s. Scrapes that fail meanwhile
     * cost a refused connection.
     */
    public static PrometheusProcess launch(Path binary, URI metricsUrl, Path runDir) {
        Path config = runDir.resolve(CONFIG_FILE);
        Path log = runDir.resolve(LOG_FILE);
        Path dataDir;
        try {
            Files.writeString(config, config(metricsUrl));
            dataDir = Files.createTempDirectory("headroom-prometheus-data-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Prometheus's configuration and data directory", e);
        }
        int port = ServiceProcess.freePort();
        URI url = URI.create("http://127.0.0.1:" + port);
        List<String> command = List.of(
                binary.toString(),
                "--config.file=" + config.toAbsolutePath(),
                "--storage.tsdb.path=" + dataDir,
                "--web.listen-address=127.0.0.1:" + port);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            FileTrees.deleteQuietly(dataDir);
            throw new LabException("cannot start Prometheus (" + binary + "): " + e.getMessage(), e);
        }
        Reaper.watch(process.pid(), "--storage.tsdb.path=" + dataDir, dataDir);
        return new PrometheusProcess(process, dataDir, url, log, metricsUrl);
    }

    /** The metrics endpoint it scrapes. */
    public URI scrapes() {
        return metricsUrl;
    }

    /**
     * Waits until it reports its target up, then knows its version. On failure it is stopped and
     * the exception says why, with the end of its log.
     */
    public void awaitTargetUp(Duration timeout) {
        try {
            version = awaitUp(timeout);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The whole configuration: one job, one target, scraped every second with a timeout of one
     * second, as the compose file's Prometheus does (a slower scrape is a failed one, as it is for
     * Headroom's own sampler). No self-scrape: only the service's series are stored.
     */
    static String config(URI metricsUrl) {
        int port = metricsUrl.getPort() > 0 ? metricsUrl.getPort() : "https".equals(metricsUrl.getScheme()) ? 443 : 80;
        String host = metricsUrl.getHost();
        String path = metricsUrl.getRawPath() == null || metricsUrl.getRawPath().isEmpty()
                ? "/metrics"
                : metricsUrl.getRawPath();
        String seconds = SCRAPE_INTERVAL.toSeconds() + "s";
        StringBuilder yaml = new StringBuilder()
                .append("# Written by Headroom for one run: scrapes the service under test, nothing else.\n")
                .append("global:\n")
                .append("  scrape_interval: ")
                .append(seconds)
                .append("\n")
                .append("scrape_configs:\n")
                .append("  - job_name: ")
                .append(JOB)
                .append("\n")
                .append("    scrape_interval: ")
                .append(seconds)
                .append("\n")
                .append("    scrape_timeout: ")
                .append(seconds)
                .append("\n")
                .append("    scheme: ")
                .append(metricsUrl.getScheme())
                .append("\n")
                .append("    metrics_path: '")
                .append(path.replace("'", "''"))
                .append("'\n");
        if (metricsUrl.getRawQuery() != null) {
            yaml.append("    params:\n");
            for (String pair : metricsUrl.getQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                yaml.append("      '")
                        .append(key.replace("'", "''"))
                        .append("': ['")
                        .append(value.replace("'", "''"))
                        .append("']\n");
            }
        }
        String target = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return yaml.append("    static_configs:\n")
                .append("      - targets: ['")
                .append(target)
                .append(":")
                .append(port)
                .append("']\n")
                .toString();
    }

    /** Polls the targets API until the service's target is up; returns the server's version. */
    private String awaitUp(Duration timeout) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(1))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastState = "Prometheus did not answer on " + url;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LabException("Prometheus exited with code " + process.exitValue()
                        + " before it was ready; the end of " + log + ":\n" + ServiceProcess.tail(log, 15));
            }
            try {
                JsonNode targets = get(http, "/api/v1/targets?state=active");
                Optional<String> state = targetState(targets);
                if (state.isPresent() && state.get().equals("up")) {
                    return get(http, "/api/v1/status/buildinfo")
                            .at("/data/version")
                            .asText("unknown");
                }
                lastState = state.map(s -> "the target " + metricsUrl + " is " + s)
                        .orElse("Prometheus has not picked up the target " + metricsUrl + " yet");
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for Prometheus", e);
            }
            ServiceProcess.sleep(250);
        }
        throw new LabException("Prometheus did not report the service's metrics endpoint up within "
                + timeout.toSeconds() + " s (" + lastState + "); the end of " + log + ":\n"
                + ServiceProcess.tail(log, 15));
    }

    /** {@code up}, or {@code down: <last error>}, of the job's target; empty while it is not listed. */
    static Optional<String> targetState(JsonNode targetsResponse) {
        for (JsonNode t : targetsResponse.at("/data/activeTargets")) {
            if (!JOB.equals(t.at("/labels/job").asText())) continue;
            String health = t.path("health").asText("unknown");
            String error = t.path("lastError").asText("");
            return Optional.of(health.equals("up") || error.isEmpty() ? health : health + ": " + error);
        }
        return Optional.empty();
    }

    private JsonNode get(HttpClient http, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode());
        return JSON.readTree(response.body());
    }

    /** Base URL of its HTTP API, e.g. {@code http://127.0.0.1:40123}. */
    public URI url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    /** Its temporary data directory, deleted by {@link #close()}. */
    public Path dataDir() {
        return dataDir;
    }

    public String version() {
        return version;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: Prometheus closes its database and exits
            try {
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        FileTrees.deleteQuietly(dataDir);
    }
}
