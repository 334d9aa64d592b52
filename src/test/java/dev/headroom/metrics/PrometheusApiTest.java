package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Answers as Prometheus 2.42 wrote them to the queries in each test's comment. */
class PrometheusApiTest {

    @Test
    void anInstantVectorHasOneValuePerSeries() {
        // sum(rate(prometheus_http_requests_total{job="self"}[3000ms]))
        PrometheusApi.Result r = PrometheusApi.parse(
                200,
                """
                {"status":"success","data":{"resultType":"vector","result":[{"metric":{},\
                "value":[1795322246.375,"1.25"]}]}}""");
        PrometheusApi.Labeled only = ((PrometheusApi.Series) r).series().get(0);
        assertThat(only.labels()).isEmpty();
        assertThat(only.value()).isEqualTo(1.25);
        assertThat(only.points().get(0).at()).isEqualTo(Instant.parse("2026-11-22T04:37:26.375Z"));
    }

    @Test
    void nothingMatchedIsAnEmptyResultAndZeroOverZeroIsNaN() {
        // sum(nothere{job="self"})
        assertThat(((PrometheusApi.Series)
                                PrometheusApi.parse(
                                        200,
                                        """
                        {"status":"success","data":{"resultType":"vector","result":[]}}"""))
                        .series())
                .isEmpty();
        // sum(increase(up[3s])) / sum(increase(up[3s]))
        PrometheusApi.Result nan = PrometheusApi.parse(
                200,
                """
                {"status":"success","data":{"resultType":"vector","result":[{"metric":{},\
                "value":[1795322246.436,"NaN"]}]}}""");
        assertThat(((PrometheusApi.Series) nan).series().get(0).value()).isNaN();
    }

    @Test
    void aRangeVectorKeepsItsRawSamplesInOrder() {
        // up[5s]
        PrometheusApi.Result r = PrometheusApi.parse(
                200,
                """
                {"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up",\
                "instance":"127.0.0.1:19099","job":"self"},"values":[[1795322242.326,"1"],[1795322243.326,"1"],\
                [1795322244.326,"0"]]}]}}""");
        PrometheusApi.Labeled up = ((PrometheusApi.Series) r).series().get(0);
        assertThat(up.labels()).containsEntry("job", "self").containsEntry("__name__", "up");
        assertThat(up.points()).hasSize(3);
        assertThat(up.points().get(1).at().toEpochMilli()).isEqualTo(1795322243326L);
        assertThat(up.value()).isZero();
    }

    @Test
    void aScalarIsOneSeriesWithoutLabels() {
        // scalar(vector(2))
        PrometheusApi.Result r = PrometheusApi.parse(
                200,
                """
                {"status":"success","data":{"resultType":"scalar","result":[1795322246.375,"+Inf"]}}""");
        assertThat(((PrometheusApi.Series) r).series().get(0).value()).isInfinite();
    }

    @Test
    void aRefusedQueryIsAFailureThatSaysWhy() {
        // sum(rate(up[3s
        PrometheusApi.Result r = PrometheusApi.parse(
                400,
                """
                {"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:15: parse\
                 error: unclosed left parenthesis"}""");
        assertThat(((PrometheusApi.Failure) r).why())
                .contains("HTTP 400")
                .contains("bad_data")
                .contains("unclosed left parenthesis");
        PrometheusApi.Result proxy = PrometheusApi.parse(502, "<html><body>Bad Gateway</body></html>");
        assertThat(((PrometheusApi.Failure) proxy).why()).contains("HTTP 502").contains("Bad Gateway");
        PrometheusApi.Result garbled = PrometheusApi.parse(
                200,
                """
                {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"x"]}]}}""");
        assertThat(garbled).isInstanceOf(PrometheusApi.Failure.class);
    }

    @Test
    void timesAreUnixSecondsToTheMillisecond() {
        assertThat(PrometheusApi.epochSeconds(Instant.parse("2026-11-22T04:37:20.326Z")))
                .isEqualTo("1795322240.326");
        assertThat(PrometheusApi.epochSeconds(Instant.ofEpochMilli(5))).isEqualTo("0.005");
    }
}
