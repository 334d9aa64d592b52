package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.headroom.lab.Lab;
import dev.headroom.lab.LabException;
import dev.headroom.lab.LabSettings;
import dev.headroom.lab.PrometheusProcess;
import dev.headroom.metrics.JvmMemoryFloor;
import dev.headroom.metrics.PromQueries;
import dev.headroom.metrics.PrometheusApi;
import dev.headroom.metrics.PrometheusSource;
import dev.headroom.metrics.ServerFigures;
import dev.headroom.metrics.StepFixtures;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PromQL of every figure, run by a real Prometheus over an endpoint whose meters grow at known
 * rates: each figure must come out as the rate, mean or ratio it was built with. The endpoint
 * speaks Micrometer's exposition (the reference service's meter names and labels); the Prometheus
 * is reached as a user's own would be, by URL and selector ({@code -Dheadroom.prometheus=<URL>}).
 */
class PrometheusFiguresIT {
    private static final int APP_PORT = 8080;

    @TempDir
    Path work;

    private HttpServer endpoint;
    private PrometheusProcess prometheus;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger scrapes = new AtomicInteger();

    @AfterEach
    void stop() {
        if (prometheus != null) prometheus.close();
        if (endpoint != null) endpoint.stop(0);
    }

    @Test
    void eachFigureIsTheRateMeanOrRatioOfWhatWasScraped() throws Exception {
        PrometheusSourceIT.requirePrometheus();
        URI metrics = serveMeters();
        prometheus = PrometheusProcess.start(
                PrometheusProcess.onPath().orElseThrow(), metrics, work, Duration.ofSeconds(30));
        Thread.sleep(8_000); // enough one-second scrapes for a 5 s window that ends a second ago

        try (ServerMetrics source = open("job=\"service\"")) {
            assertThat(source.facts())
                    .containsEntry("source", "prometheus")
                    .containsEntry("started_by_headroom", false)
                    .containsEntry("prometheus_version", prometheus.version())
                    .containsEntry("scrape_interval_s", 1.0);
            Instant end = Instant.now().minusSeconds(1);
            assertThat(source.source().ready(end)).isTrue();
            ServerFigures f = source.source().figures(StepFixtures.serverFigures(0.25, 1), end.minusSeconds(5), end);

            assertThat(f.notes()).isEmpty();
            assertThat(f.metricsSource()).isEqualTo("prometheus");
            assertThat(f.appCpuSource()).isEqualTo("prometheus");
            double rel = 0.02; // the endpoint's clock and Prometheus's scrape timestamps differ by milliseconds
            assertThat(f.appCpuCores()).isCloseTo(0.25, within(0.25 * rel));
            // the actuator's own requests are left out
            assertThat(f.serverRps()).isCloseTo(100, within(100 * rel));
            assertThat(f.serverLatencyMsAvg()).isCloseTo(5, within(5 * rel));
            assertThat(f.poolActiveAvg()).isEqualTo(3);
            assertThat(f.poolIdleAvg()).isEqualTo(7);
            assertThat(f.poolPendingAvg()).isEqualTo(1);
            assertThat(f.poolMax()).isEqualTo(10);
            assertThat(f.connAcquireMsAvg()).isCloseTo(0.2, within(0.2 * rel));
            assertThat(f.connUsageMsAvg()).isCloseTo(12, within(12 * rel));
            // one timeout a second: the growth between the first and last scrape of a 5 s window
            assertThat(f.poolTimeouts()).isBetween(3.5, 5.5);
            // the application's connector only, not the management server's
            assertThat(f.tomcatBusyThreadsAvg()).isEqualTo(4);
            assertThat(f.gcPauseMsPerS()).isCloseTo(2, within(2 * rel));
            // heap pools summed; non-heap left out
            assertThat(f.heapUsedMbAvg()).isEqualTo(80);
            assertThat(f.crossCheck().orElseThrow().appCpuCores().relativeDifference())
                    .isCloseTo(0, within(rel));

            // a service reached only through this Prometheus still gets its JVM memory floor; the
            // endpoint holds two JVMs, the second's series labelled replica="b": replica="" picks the first
            JvmMemoryFloor floor = prometheusSource("job=\"service\",replica=\"\"")
                    .jvmMemoryFloor(Duration.ofMinutes(5), Instant.now())
                    .orElseThrow();
            // G1: the old generation's 512 MiB; eden and survivor -1, Metaspace's -1 is not the heap's
            assertThat(floor.heapMaxMib()).isEqualTo(512.0);
            // the largest non-heap seen, not the last: Metaspace 64 MiB in the first two scrapes (40 after)
            // + code cache 16 MiB = 80 MiB; the heap's committed 512 MiB is left out
            assertThat(floor.nonHeapCommittedMib()).isEqualTo(80.0);
            // the direct pool's 4 MiB; the mapped 1 GiB is a file's
            assertThat(floor.directBufferMib()).isEqualTo(4.0);
            assertThat(source.source().name()).contains(prometheus.url().toString());
            // both JVMs: the larger one's figures (768 + 8 + 0 = 776 MiB against 512 + 80 + 4 = 596), not
            // a sum of the two (1376 MiB of heap) nor a mix (768 + 80 + 4)
            JvmMemoryFloor both = source.source()
                    .jvmMemoryFloor(Duration.ofMinutes(5), Instant.now())
                    .orElseThrow();
            assertThat(both.heapMaxMib()).isEqualTo(768.0);
            assertThat(both.nonHeapCommittedMib()).isEqualTo(8.0);
            assertThat(both.directBufferMib()).isZero();
            // a selector of another service's series: no floor
            assertThat(prometheusSource("job=\"orders\"").jvmMemoryFloor(Duration.ofMinutes(5), Instant.now()))
                    .isEmpty();
        }
    }

    @Test
    void aSelectorThatPicksNothingIsRefusedBeforeAnyLoad() throws Exception {
        PrometheusSourceIT.requirePrometheus();
        prometheus = PrometheusProcess.start(
                PrometheusProcess.onPath().orElseThrow(), serveMeters(), work, Duration.ofSeconds(30));
        assertThatThrownBy(() -> open("job=\"orders\""))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("scrapes no target whose series match {job=\"orders\"}")
                .hasMessageContaining("-Dheadroom.prometheus.selector")
                .hasMessageContaining("No load was sent");
    }

    @Test
    void aPrometheusLaunchedWhileTheServiceStartsIsAdoptedOnceTheEndpointAnswers() throws Exception {
        PrometheusSourceIT.requirePrometheus();
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI metrics = URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
        Properties auto = new Properties();
        LabSettings settings = LabSettings.from(auto); // -Dheadroom.prometheus=auto
        List<String> said = new ArrayList<>();
        // the service's endpoint does not listen yet: as while the reference service starts
        prometheus =
                ServerMetrics.launchEarly(settings, metrics, work, said::add).orElseThrow();
        assertThat(said).singleElement().asString().contains("beside the service");
        Thread.sleep(1_000);
        assertThat(prometheus.isAlive()).isTrue();
        serveMeters(port);

        try (ServerMetrics source = ServerMetrics.open(
                settings, target(metrics), work, Duration.ofSeconds(1), said::add, Optional.of(prometheus))) {
            // the same process, not a second one
            assertThat(source.facts())
                    .containsEntry("source", "prometheus")
                    .containsEntry("started_by_headroom", true)
                    .containsEntry("prometheus_pid", prometheus.pid());
            assertThat(said)
                    .filteredOn(line -> line.startsWith("starting Prometheus"))
                    .hasSize(1);
        }
        assertThat(prometheus.isAlive())
                .as("closed with the source that adopted it")
                .isFalse();
    }

    @Test
    void aPrometheusLaunchedForAnotherEndpointIsStopped() throws Exception {
        PrometheusSourceIT.requirePrometheus();
        URI metrics = serveMeters();
        LabSettings settings = LabSettings.from(new Properties());
        List<String> said = new ArrayList<>();
        PrometheusProcess other = ServerMetrics.launchEarly(
                        settings, URI.create("http://127.0.0.1:9/actuator/prometheus"), work, said::add)
                .orElseThrow();
        try (ServerMetrics source = ServerMetrics.open(
                settings, target(metrics), work, Duration.ofSeconds(1), said::add, Optional.of(other))) {
            assertThat(other.isAlive()).isFalse();
            assertThat(source.facts()).containsEntry("source", "prometheus");
            assertThat(source.facts().get("prometheus_pid")).isNotEqualTo(other.pid());
        } finally {
            other.close();
        }
    }

    private PrometheusSource prometheusSource(String selector) {
        return new PrometheusSource(
                new PrometheusApi(prometheus.url(), Duration.ofSeconds(2)),
                new PromQueries(selector, OptionalLong.empty()),
                Duration.ofSeconds(1),
                Clock.systemUTC());
    }

    private static Lab.Target target(URI metrics) {
        return new Lab.Target(
                URI.create("http://127.0.0.1:" + APP_PORT),
                Optional.of(metrics),
                OptionalLong.empty(),
                OptionalLong.of(APP_PORT),
                true);
    }

    private ServerMetrics open(String selector) {
        Properties props = new Properties();
        props.setProperty("headroom.prometheus", prometheus.url().toString());
        props.setProperty("headroom.prometheus.selector", selector);
        Lab.Target target = new Lab.Target(
                URI.create("http://127.0.0.1:" + APP_PORT),
                Optional.empty(),
                OptionalLong.empty(),
                OptionalLong.of(APP_PORT),
                false);
        List<String> said = new ArrayList<>();
        return ServerMetrics.open(LabSettings.from(props), target, work, Duration.ofSeconds(1), said::add);
    }

    /** Meters of the reference service's names, growing at fixed rates from this test's start. */
    private URI serveMeters() throws Exception {
        return serveMeters(0);
    }

    private URI serveMeters(int port) throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        endpoint.createContext("/actuator/prometheus", exchange -> {
            byte[] body = meters((System.nanoTime() - startNanos) / 1e9, scrapes.incrementAndGet())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        return URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/actuator/prometheus");
    }

    /** @param scrape which scrape of the endpoint this is, from 1 */
    private static String meters(double t, int scrape) {
        double mib = 1024 * 1024;
        return String.join(
                "\n",
                "# TYPE process_cpu_time_ns_total counter",
                line("process_cpu_time_ns_total", "", 0.25e9 * t),
                "# TYPE http_server_requests_seconds summary",
                line("http_server_requests_seconds_count", "uri=\"/orders\",status=\"200\"", 60 * t),
                line("http_server_requests_seconds_sum", "uri=\"/orders\",status=\"200\"", 0.3 * t),
                line("http_server_requests_seconds_count", "uri=\"/menu\",status=\"200\"", 40 * t),
                line("http_server_requests_seconds_sum", "uri=\"/menu\",status=\"200\"", 0.2 * t),
                line("http_server_requests_seconds_count", "uri=\"/actuator/prometheus\",status=\"200\"", 1000 * t),
                line("http_server_requests_seconds_sum", "uri=\"/actuator/prometheus\",status=\"200\"", 900 * t),
                line("hikaricp_connections_active", "pool=\"HikariPool-1\"", 3),
                line("hikaricp_connections_idle", "pool=\"HikariPool-1\"", 7),
                line("hikaricp_connections_pending", "pool=\"HikariPool-1\"", 1),
                line("hikaricp_connections_max", "pool=\"HikariPool-1\"", 10),
                line("hikaricp_connections_acquire_seconds_count", "pool=\"HikariPool-1\"", 500 * t),
                line("hikaricp_connections_acquire_seconds_sum", "pool=\"HikariPool-1\"", 0.1 * t),
                line("hikaricp_connections_usage_seconds_count", "pool=\"HikariPool-1\"", 250 * t),
                line("hikaricp_connections_usage_seconds_sum", "pool=\"HikariPool-1\"", 3 * t),
                line("hikaricp_connections_timeout_total", "pool=\"HikariPool-1\"", Math.floor(t)),
                line("tomcat_threads_busy_threads", "name=\"http-nio-127.0.0.1-" + APP_PORT + "\"", 4),
                line("tomcat_threads_busy_threads", "name=\"http-nio-127.0.0.1-8081\"", 1),
                line("jvm_gc_pause_seconds_sum", "action=\"end of minor GC\",cause=\"G1 Evacuation Pause\"", 0.002 * t),
                line("jvm_memory_used_bytes", "area=\"heap\",id=\"G1 Eden Space\"", 50 * mib),
                line("jvm_memory_used_bytes", "area=\"heap\",id=\"G1 Old Gen\"", 30 * mib),
                line("jvm_memory_used_bytes", "area=\"nonheap\",id=\"Metaspace\"", 1000 * mib),
                line("jvm_memory_max_bytes", "area=\"heap\",id=\"G1 Eden Space\"", -1),
                line("jvm_memory_max_bytes", "area=\"heap\",id=\"G1 Old Gen\"", 512 * mib),
                line("jvm_memory_max_bytes", "area=\"heap\",id=\"G1 Survivor Space\"", -1),
                line("jvm_memory_max_bytes", "area=\"nonheap\",id=\"Metaspace\"", -1),
                line("jvm_memory_committed_bytes", "area=\"heap\",id=\"G1 Old Gen\"", 512 * mib),
                line("jvm_memory_committed_bytes", "area=\"nonheap\",id=\"Metaspace\"", (scrape <= 2 ? 64 : 40) * mib),
                line("jvm_memory_committed_bytes", "area=\"nonheap\",id=\"CodeHeap 'profiled nmethods'\"", 16 * mib),
                line("jvm_buffer_memory_used_bytes", "id=\"direct\"", 4 * mib),
                line("jvm_buffer_memory_used_bytes", "id=\"mapped\"", 1024 * mib),
                line("jvm_memory_max_bytes", "area=\"heap\",id=\"G1 Eden Space\",replica=\"b\"", -1),
                line("jvm_memory_max_bytes", "area=\"heap\",id=\"G1 Old Gen\",replica=\"b\"", 768 * mib),
                line("jvm_memory_committed_bytes", "area=\"nonheap\",id=\"Metaspace\",replica=\"b\"", 8 * mib),
                "");
    }

    private static String line(String name, String labels, double value) {
        return String.format(Locale.ROOT, labels.isEmpty() ? "%s%s %.6f" : "%s{%s} %.6f", name, labels, value);
    }
}
