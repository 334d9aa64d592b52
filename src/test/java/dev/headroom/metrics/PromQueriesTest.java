package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.headroom.metrics.PromQueries.Figure;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromQueriesTest {
    private static final Pattern SELECTOR = Pattern.compile("([a-z_]+)\\{([^}]*)}\\[([^\\]]*)]");

    @TempDir
    Path tmp;

    private final PromQueries queries = new PromQueries("job=\"service\",instance=\"a:1\"", OptionalLong.of(8080));

    @Test
    void everyFigureHasAQueryAndEverySeriesIsTheSelectorsOverTheWholeWindow() {
        Map<Figure, String> q = queries.forWindow(Duration.ofMillis(6000));
        assertThat(q.keySet()).containsExactly(Figure.values());
        for (String promql : q.values()) {
            Matcher m = SELECTOR.matcher(promql);
            int selectors = 0;
            while (m.find()) {
                selectors++;
                assertThat(m.group(2)).as(promql).startsWith("job=\"service\",instance=\"a:1\"");
                assertThat(m.group(3)).as(promql).isEqualTo("6000ms");
            }
            assertThat(selectors).as(promql).isPositive();
        }
    }

    @Test
    void theFiguresMeanWhatTheSamplerComputes() {
        Map<Figure, String> q = queries.forWindow(Duration.ofSeconds(15));
        assertThat(q.get(Figure.APP_CPU_CORES))
                .isEqualTo("(sum(rate(process_cpu_time_ns_total{job=\"service\",instance=\"a:1\"}[15000ms])) / 1e9)"
                        + " or sum(rate(process_cpu_seconds_total{job=\"service\",instance=\"a:1\"}[15000ms]))");
        // the service's requests, not the scrapes of its actuator
        assertThat(q.get(Figure.SERVER_RPS))
                .contains("rate(http_server_requests_seconds_count{")
                .contains("uri!~\"/actuator.*\"");
        assertThat(q.get(Figure.CONN_USAGE_MS_AVG))
                .isEqualTo("sum(increase(hikaricp_connections_usage_seconds_sum{job=\"service\",instance=\"a:1\"}"
                        + "[15000ms])) / sum(increase(hikaricp_connections_usage_seconds_count{job=\"service\","
                        + "instance=\"a:1\"}[15000ms])) * 1000");
        assertThat(q.get(Figure.POOL_ACTIVE_AVG)).startsWith("sum(avg_over_time(hikaricp_connections_active{");
        // the application's connector only: the management server has its own Tomcat
        assertThat(q.get(Figure.TOMCAT_BUSY_THREADS_AVG)).contains("name=~\".*-8080\"");
        assertThat(new PromQueries("job=\"x\"", OptionalLong.empty())
                        .forWindow(Duration.ofSeconds(1))
                        .get(Figure.TOMCAT_BUSY_THREADS_AVG))
                .doesNotContain("name=");
        assertThat(q.get(Figure.HEAP_USED_MB_AVG)).contains("area=\"heap\"").endsWith("/ 1048576");
        assertThat(queries.templates().get(Figure.GC_PAUSE_MS_PER_S)).contains("[$window]");
    }

    @Test
    void theFiguresReadTheMetersTheSamplerReads() {
        String all = String.join(" ", queries.forWindow(Duration.ofSeconds(6)).values());
        for (String meter : new String[] {
            MeterNames.PROCESS_CPU_TIME_NS,
            MeterNames.POOL_ACTIVE,
            MeterNames.POOL_IDLE,
            MeterNames.POOL_PENDING,
            MeterNames.POOL_MAX,
            MeterNames.POOL_TIMEOUTS,
            MeterNames.POOL_ACQUIRE_SUM,
            MeterNames.POOL_ACQUIRE_COUNT,
            MeterNames.POOL_USAGE_SUM,
            MeterNames.POOL_USAGE_COUNT,
            MeterNames.TOMCAT_BUSY_THREADS,
            MeterNames.GC_PAUSE_SUM,
            MeterNames.MEMORY_USED,
            MeterNames.HTTP_SERVER_SUM,
            MeterNames.HTTP_SERVER_COUNT
        }) {
            assertThat(all).contains(meter + "{");
        }
    }

    /** Prometheus's own parser, through promtool when it is installed, accepts every query. */
    @Test
    void promtoolParsesEveryQuery() throws Exception {
        Optional<Path> promtool = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
        assumeThat(promtool).as("promtool is not on the PATH").isPresent();
        StringBuilder rules = new StringBuilder("groups:\n  - name: headroom\n    rules:\n");
        queries.forWindow(Duration.ofSeconds(6)).forEach((figure, promql) -> rules.append("      - record: ")
                .append(figure.column())
                .append("\n        expr: '")
                .append(promql.replace("'", "''"))
                .append("'\n"));
        rules.append("      - record: newest_scrape\n        expr: '")
                .append(queries.newestScrape().replace("'", "''"))
                .append("'\n");
        Path file = Files.writeString(tmp.resolve("rules.yml"), rules);
        Process p = new ProcessBuilder(promtool.get().toString(), "check", "rules", file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("SUCCESS: " + (Figure.values().length + 1) + " rules found");
    }
}
