package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports lead with what limited the service, show the pool and DB-class reasoning with every
 * class passed over, and state a mean-latency SLO: a run sized end to end from files.
 */
class DiagnosisInReportsTest {
    @TempDir
    Path dir;

    /**
     * A pool-bound run: pool 10, each request holding its connection 28 ms (Little: 350 req/s x 28
     * ms = 9.8 of 10 busy), up to 40 requests waiting, the database at 1.6 ms of CPU a request.
     */
    private static final String POOL_BOUND =
            """
            step,concurrency,throughput_rps,latency_mean_ms,latency_p95_ms,error_ratio,app_cpu_cores,db_cpu_cores,pool_active_avg,pool_pending_avg,conn_acquire_ms_avg,conn_usage_ms_avg,app_memory_mib_max,pool_max
            1,10,100,5,10,0,0.1,0.16,2.8,0,0.1,28,500,10
            2,20,200,6,10,0,0.2,0.32,5.6,0,0.1,28,500,10
            3,30,300,8,15,0,0.3,0.48,8.4,0.2,0.1,28,500,10
            4,40,350,20,40,0,0.35,0.56,9.8,5,60,28,500,10
            5,50,355,60,120,0,0.355,0.568,9.94,20,60,28,500,10
            6,60,356,100,200,0,0.356,0.5696,9.97,40,60,28,500,10
            """;

    private SizingJob.Outcome size(int peakRps) throws IOException {
        Path csv = dir.resolve("steps.csv");
        Files.writeString(csv, POOL_BOUND);
        Path request = dir.resolve("request.yaml");
        Files.writeString(
                request,
                """
                peak:
                  rps: %d
                slo:
                  mean_ms: 50
                platform: ec2-asg
                test_host:
                  equivalent_instance_type: m6i.large
                instances:
                  types: [m6i.large]
                """
                        .formatted(peakRps));
        return SizingJob.run(SizingJob.Job.of(csv, request).withOut(dir.resolve("out")));
    }

    @Test
    void theMarkdownReportLeadsWithTheLimitAndItsEvidence() throws IOException {
        size(700);
        String md = Files.readString(dir.resolve("out/report.md"));
        int firstSection = md.indexOf("\n## ");
        assertThat(md.substring(firstSection)).startsWith("\n## What limited the service");
        // The knee is step 4 (350 >= 0.975 x 356); steps 4 and 5: up to 20 waiting for a connection.
        assertThat(md).contains("Limit at step 4 and step 5 (BOTTLENECK_POOL)", "20.0 requests waited");
        assertThat(md).contains("mean ≤ 50 ms");
        assertThat(md.indexOf("What limited the service")).isLessThan(md.indexOf("**Recommendation:**"));
    }

    @Test
    void theHtmlReportShowsTheDiagnosisFirstAndThePoolAndDatabaseReasoning() throws IOException {
        // 4000 req/s: DB work 4000 x 1.6 ms = 6.4 cores, 8.5 vCPU at 75 % at the test host's speed
        // (m6i.large): every 2- and 4-vCPU class is passed over for its CPU, and listed (an 8-vCPU
        // class with a faster CPU than the test host's may carry it).
        SizingJob.Outcome o = size(4000);
        String html = Files.readString(dir.resolve("out/report.html"));
        assertThat(html.indexOf("id=\"bottleneck\"")).isPositive().isLessThan(html.indexOf("id=\"recommendation\""));
        assertThat(html).contains("Pool and database", "Passed over", "it has 4");
        assertThat(o.sizing().recommendation().orElseThrow().reasons().dbRejected())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(html).contains(Html.escape(r)));
        assertThat(html).contains("SLO mean ≤ 50 ms");
    }

    @Test
    void sizingJsonCarriesTheDiagnosisAndThePoolReasoning() throws IOException {
        size(700);
        var json = dev.headroom.results.Json.MAPPER.readTree(
                dir.resolve("out/sizing.json").toFile());
        assertThat(json.at("/bottleneck/limits/0/code").asText()).isEqualTo("BOTTLENECK_POOL");
        assertThat(json.at("/bottleneck/cpu_is_not_the_ceiling").asBoolean()).isTrue();
        assertThat(json.at("/capacity/saturation_reached").asBoolean()).isTrue();
        // 700 req/s x 28 ms = 19.6 connections active at the peak, fleet-wide
        assertThat(json.at("/recommendation/reasons/active_connections_at_peak").asDouble())
                .isCloseTo(19.6, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(json.at("/recommendation/reasons/pool_basis").asText()).contains("Erlang C");
    }
}
