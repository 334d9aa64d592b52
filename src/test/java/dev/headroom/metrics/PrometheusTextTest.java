package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    // Lines in the shape Micrometer's Prometheus registry writes (Spring Boot 3.5), with the
    // awkward cases of the format: escaped quotes, commas inside values, exponents, +Inf, timestamps.
    private static final String SCRAPE =
            """
            # HELP process_cpu_time_ns_total The "cpu time" used by the Java Virtual Machine process
            # TYPE process_cpu_time_ns_total counter
            process_cpu_time_ns_total 1.234E10
            # TYPE hikaricp_connections_active gauge
            hikaricp_connections_active{pool="HikariPool-1"} 3.0
            hikaricp_connections_active{pool="other"} 2.0
            hikaricp_connections_usage_seconds_count{pool="HikariPool-1"} 120
            hikaricp_connections_usage_seconds_sum{pool="HikariPool-1"} 0.6
            tomcat_threads_busy_threads{name="http-nio-127.0.0.1-8080"} 7.0
            tomcat_threads_busy_threads{name="http-nio-127.0.0.1-8081"} 1.0
            http_server_requests_seconds_bucket{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/stores/{storeId}/menu",le="+Inf"} 42
            odd_labels{msg="a \\"quoted\\", comma, and a } brace",x="y"} 5 1700000000000
            """;

    @Test
    void sumsSamplesByNameAndLabels() {
        PrometheusText text = PrometheusText.parse(SCRAPE);
        assertThat(text.sum("process_cpu_time_ns_total")).isEqualTo(1.234e10);
        assertThat(text.sum("hikaricp_connections_active")).isEqualTo(5.0);
        assertThat(text.sum("hikaricp_connections_active", l -> "HikariPool-1".equals(l.get("pool"))))
                .isEqualTo(3.0);
        assertThat(text.sum("tomcat_threads_busy_threads", l -> l.get("name").endsWith("-8080")))
                .isEqualTo(7.0);
        assertThat(text.sum("hikaricp_connections_usage_seconds_sum")).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void readsQuotedLabelValuesWithEscapesCommasAndBracesAndIgnoresTimestamps() {
        PrometheusText text = PrometheusText.parse(SCRAPE);
        var odd = text.samples().stream()
                .filter(s -> s.name().equals("odd_labels"))
                .findFirst()
                .orElseThrow();
        assertThat(odd.labels())
                .containsEntry("msg", "a \"quoted\", comma, and a } brace")
                .containsEntry("x", "y");
        assertThat(odd.value()).isEqualTo(5.0);
        var bucket = text.samples().stream()
                .filter(s -> s.name().equals("http_server_requests_seconds_bucket"))
                .findFirst()
                .orElseThrow();
        assertThat(bucket.labels()).containsEntry("le", "+Inf").containsEntry("uri", "/stores/{storeId}/menu");
    }

    @Test
    void anAbsentMetricIsNaNNotZero() {
        assertThat(PrometheusText.parse(SCRAPE).sum("hikaricp_connections_pending"))
                .isNaN();
    }
}
