package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.headroom.metrics.PromQueries.Figure;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusSourceTest {
    private static final Instant END = Instant.parse("2026-11-22T04:00:10Z");
    private static final Instant START = END.minusSeconds(10);

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void aFigureWithoutAnAnswerIsNaNAndTheNoteSaysWhy() {
        List<String> notes = new ArrayList<>();
        assertThat(PrometheusSource.value(
                        Figure.POOL_ACTIVE_AVG, new PrometheusApi.Failure("HTTP 400, bad_data: x"), notes))
                .isNaN();
        assertThat(PrometheusSource.value(Figure.HEAP_USED_MB_AVG, new PrometheusApi.Series(List.of()), notes))
                .isNaN();
        assertThat(PrometheusSource.value(Figure.CONN_USAGE_MS_AVG, series(Double.NaN), notes))
                .isNaN();
        assertThat(PrometheusSource.value(Figure.SERVER_RPS, series(42.5), notes))
                .isEqualTo(42.5);
        assertThat(notes)
                .containsExactly(
                        "pool_active_avg: the query failed: HTTP 400, bad_data: x",
                        "heap_used_mb_avg: no series in the window (the meter is not exposed, the selector picks"
                                + " nothing, or fewer than two scrapes fell in the window)",
                        "conn_usage_ms_avg: nothing was counted in the window (NaN)");
    }

    @Test
    void prometheusGivesTheMicrometerFiguresAndProcTheRest() {
        ServerFigures direct = StepFixtures.serverFigures(0.50, 0.8);
        Map<Figure, Double> p = figures(0.55);
        p.put(Figure.SERVER_RPS, 90.0);
        ServerFigures f = PrometheusSource.merge(direct, p, new ArrayList<>());
        assertThat(f.metricsSource()).isEqualTo("prometheus");
        assertThat(f.appCpuSource()).isEqualTo("prometheus");
        assertThat(f.appCpuCores()).isEqualTo(0.55);
        assertThat(f.poolActiveAvg()).isEqualTo(Figure.POOL_ACTIVE_AVG.ordinal());
        assertThat(f.heapUsedMbAvg()).isEqualTo(Figure.HEAP_USED_MB_AVG.ordinal());
        assertThat(f.serverRps()).isEqualTo(90.0);
        // from /proc and the injector: the sampler's own
        assertThat(f.appMemoryMibMax()).isEqualTo(direct.appMemoryMibMax());
        assertThat(f.dbCpuCores()).isEqualTo(direct.dbCpuCores());
        assertThat(f.hostIdleCores()).isEqualTo(0.8);
        assertThat(f.notes()).isEmpty();
        // the cross-check: the sampler read 0.50 cores and 100 req/s of the same meters
        CrossCheck check = f.crossCheck().orElseThrow();
        assertThat(check.appCpuCores().direct()).isEqualTo(0.50);
        assertThat(check.appCpuCores().relativeDifference()).isCloseTo(0.10, within(1e-12));
        assertThat(check.appCpuDirectSource()).isEqualTo("actuator");
        assertThat(check.serverRps().relativeDifference()).isCloseTo(-0.10, within(1e-12));
    }

    @Test
    void withoutPrometheussCpuTheFigureComesFromProcAndSaysSo() {
        ServerFigures direct = StepFixtures.serverFigures(0.50, 0.8);
        List<String> notes = new ArrayList<>(List.of("app_cpu_cores: no series in the window"));
        ServerFigures f = PrometheusSource.merge(direct, figures(Double.NaN), notes);
        assertThat(f.appCpuSource()).isEqualTo("proc");
        assertThat(f.appCpuCores()).isEqualTo(direct.appCpuProcCores());
        assertThat(f.notes()).contains("app_cpu_cores: taken from proc instead of Prometheus");
        assertThat(f.crossCheck().orElseThrow().appCpuCores().prometheus()).isNaN();
        assertThat(f.crossCheck().orElseThrow().appCpuCores().relativeDifference())
                .isNaN();
    }

    @Test
    void aStepWaitsForAScrapePastItsWindowThenGivesUpAndSaysSo() throws Exception {
        Map<String, String> answers = new ConcurrentHashMap<>();
        answers.put("timestamp(up", END.minusMillis(300).getEpochSecond() + ".700");
        answers.put("process_cpu_time_ns_total", "0.25");
        answers.put("http_server_requests_seconds_count{", "30");
        URI base = serve(answers);
        MutableClock clock = new MutableClock(END.plusMillis(500));
        PrometheusSource source = new PrometheusSource(
                new PrometheusApi(base, Duration.ofSeconds(2)),
                new PromQueries("job=\"service\"", OptionalLong.empty()),
                Duration.ofSeconds(10),
                clock);

        assertThat(source.ready(END.minusSeconds(1))).isTrue();
        assertThat(source.ready(END))
                .as("the newest scrape is 0.3 s before the end")
                .isFalse();
        answers.put("timestamp(up", END.getEpochSecond() + ".200");
        assertThat(source.ready(END)).isTrue();

        Instant later = END.plusSeconds(30);
        assertThat(source.ready(later)).isFalse();
        clock.now = later.plusSeconds(11);
        assertThat(source.ready(later)).as("past the wait limit").isTrue();

        ServerFigures f = source.figures(StepFixtures.serverFigures(0.25, 1), later.minusSeconds(10), later);
        assertThat(f.appCpuCores()).isEqualTo(0.25);
        assertThat(f.serverRps()).isEqualTo(30);
        assertThat(f.poolActiveAvg()).isNaN();
        assertThat(f.notes().get(0))
                .startsWith("Prometheus had no scrape at or after the window's end 10 s after it")
                .contains("its newest scrape of the service was at 2026-11-22T04:00:10.200Z");
        assertThat(f.notes()).anyMatch(n -> n.startsWith("pool_active_avg: no series in the window"));
        assertThat(f.crossCheck().orElseThrow().appCpuCores().relativeDifference())
                .isZero();
    }

    @Test
    void aPrometheusThatDoesNotAnswerLeavesEveryFigureNaNWithTheReason() throws Exception {
        URI base = serve(Map.of());
        server.stop(0);
        server = null;
        PrometheusSource source = new PrometheusSource(
                new PrometheusApi(base, Duration.ofSeconds(1)),
                new PromQueries("job=\"service\"", OptionalLong.empty()),
                Duration.ofSeconds(10),
                Clock.fixed(END.plusSeconds(1), ZoneOffset.UTC));
        assertThat(source.ready(END)).isFalse();
        ServerFigures f = source.figures(StepFixtures.serverFigures(0.25, 1), START, END);
        assertThat(f.serverRps()).isNaN();
        assertThat(f.appCpuSource()).isEqualTo("proc");
        assertThat(f.notes())
                .anyMatch(n -> n.startsWith("server_rps: the query failed: Prometheus at " + base + " did not answer"));
    }

    private static PrometheusApi.Series series(double value) {
        return new PrometheusApi.Series(
                List.of(new PrometheusApi.Labeled(Map.of(), List.of(new PrometheusApi.Point(END, value)))));
    }

    /** Each figure's value is its ordinal, so a mix-up between two of them shows. */
    private static Map<Figure, Double> figures(double cpu) {
        Map<Figure, Double> p = new EnumMap<>(Figure.class);
        for (Figure f : Figure.values()) p.put(f, (double) f.ordinal());
        p.put(Figure.APP_CPU_CORES, cpu);
        return p;
    }

    /**
     * A stand-in for /api/v1/query: the first key found in the query picks the value of a one-series
     * vector; a query matching no key gets an empty vector, as Prometheus answers for no series.
     */
    private URI serve(Map<String, String> answers) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = "";
            for (String pair : form.split("&")) {
                if (pair.startsWith("query=")) query = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
            String value = null;
            for (Map.Entry<String, String> a : answers.entrySet()) {
                if (query.contains(a.getKey())) value = a.getValue();
            }
            String result = value == null ? "[]" : "[{\"metric\":{},\"value\":[1795320010,\"" + value + "\"]}]";
            byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
