package dev.headroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void aBareSelectorIsItsOwnName() {
        assertThat(PromQl.metricNames("tomcat_threads_busy_threads")).containsExactly("tomcat_threads_busy_threads");
    }

    @Test
    void functionsLabelsWindowsAndGroupingsAreNotMetrics() {
        String expr = "histogram_quantile(0.95, sum by (le, uri) (rate(http_server_requests_seconds_bucket"
                + "{uri!~\"/actuator.*\", status=~\"5..\"}[$__rate_interval])))";

        assertThat(PromQl.metricNames(expr)).containsExactly("http_server_requests_seconds_bucket");
    }

    @Test
    void bothSidesOfABinaryOperatorAreRead() {
        String expr = "rate(hikaricp_connections_acquire_seconds_sum{pool=\"orders\"}[1m])"
                + " / on (pool) rate(hikaricp_connections_acquire_seconds_count{pool=\"orders\"}[1m]) > bool 0";

        assertThat(PromQl.metricNames(expr))
                .containsExactly(
                        "hikaricp_connections_acquire_seconds_count", "hikaricp_connections_acquire_seconds_sum");
    }

    @Test
    void numbersKeywordsAndStringsAreNotMetrics() {
        assertThat(PromQl.metricNames("rate(process_cpu_time_ns_total[5m] offset 1m) / 1e9 or vector(0)"))
                .containsExactly("process_cpu_time_ns_total");
        assertThat(PromQl.metricNames("label_replace(up, \"dst\", \"made_up_in_a_string\", \"src\", \"(.*)\")"))
                .containsExactly("up");
    }

    @Test
    void aMadeUpNameIsReportedNotDropped() {
        assertThat(PromQl.metricNames("sum(rate(orders_placed_nonexistent_total[$__rate_interval])) by (store)"))
                .containsExactly("orders_placed_nonexistent_total");
    }
}
