package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.metrics.PrometheusApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {
    private static final Instant T = Instant.parse("2026-11-22T04:00:00Z");

    private static PrometheusApi.Series up(long... millis) {
        List<PrometheusApi.Point> points = java.util.Arrays.stream(millis)
                .mapToObj(ms -> new PrometheusApi.Point(T.plusMillis(ms), 1))
                .toList();
        return new PrometheusApi.Series(List.of(new PrometheusApi.Labeled(Map.of("job", "service"), points)));
    }

    @Test
    void theScrapeIntervalOfARunningPrometheusIsTheMedianGapOfItsUpSeries() {
        assertThat(ServerMetrics.scrapeIntervalS(up(0, 1000, 2001, 3000, 4000))).isEqualTo(1.0);
        // one late scrape does not make the interval
        assertThat(ServerMetrics.scrapeIntervalS(up(0, 15000, 30000, 52000, 60000)))
                .isEqualTo(15.0);
        assertThat(ServerMetrics.scrapeIntervalS(up(0))).isNaN();
        assertThat(ServerMetrics.scrapeIntervalS(new PrometheusApi.Series(List.of())))
                .isNaN();
        assertThat(ServerMetrics.scrapeIntervalS(new PrometheusApi.Failure("down")))
                .isNaN();
    }
}
