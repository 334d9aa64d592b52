package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.results.StepsCsvFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An open staircase with {@code warmup: settled}, end to end with the real Gatling engine, against a
 * service Headroom did not write whose knee is known in advance: the warm-up is measured and ends
 * before the first step, and the fixed steps then run on the search's arrival schedule.
 */
class SettledStaircaseIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void theStepsRunInOrderAfterAMeasuredWarmUpAndTheKneeOfAKnownServiceFallsBetweenThem() throws Exception {
        assumeTrue(ForeignService.onPath("python3"), "python3 is not on the PATH");
        try (ForeignService python = ForeignService.pythonFixedServiceTime(5, work)) {
            GatlingProcess gatling = GatlingProcess.start(
                    work,
                    Map.of(
                            "headroom.scenario",
                            Path.of("src", "test", "resources", "scenarios", "staircase-settled-own.yaml")
                                    .toAbsolutePath()
                                    .toString(),
                            "headroom.target",
                            python.url("").toString(),
                            "headroom.calibration",
                            "off"));
            int exit = gatling.waitFor(240);
            String out = gatling.output();
            assertThat(exit).as(out).isZero();

            Path run = GatlingProcess.onlyRun(work);
            JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
            assertThat(runJson.get("status").asText()).as(out).isEqualTo("completed");

            // the warm-up was measured: windows of 5 s, an end criterion, at most its 20 s bound (every
            // window counted) plus its first ramp of one window
            JsonNode warmup = runJson.get("warmup");
            assertThat(warmup).as(out).isNotNull();
            assertThat(warmup.get("ended_by").asText()).as(out).isNotBlank();
            assertThat(warmup.get("windows").size()).as(out).isBetween(1, 4);
            double warmupS = warmup.get("duration_s").asDouble();
            assertThat(warmupS).as(out).isBetween(5.0, 20 + 5 + 5.0);
            // a staircase has no search, and no search start
            assertThat(runJson.has("search")).as(out).isFalse();
            assertThat(warmup.has("search_start_rps")).as(out).isFalse();
            // the pool keeps the top step in flight at twice the p99: 350 x 0.25 x 2 = 175 users
            assertThat(runJson.get("paced_staircase").get("pool_users").asInt())
                    .as(out)
                    .isEqualTo(175);
            // and it says every step was measured
            assertThat(runJson.at("/paced_staircase/status").asText()).as(out).isEqualTo("complete");
            assertThat(runJson.at("/paced_staircase/steps_measured").asInt())
                    .as(out)
                    .isEqualTo(4);

            // every step, in order, as planned: 50, 150, 250, 350 req/s, each 4 s steady
            List<CSVRecord> rows = StepsCsvFiles.read(run);
            assertThat(rows).as(out).hasSize(4);
            double[] offered = {50, 150, 250, 350};
            for (int i = 0; i < rows.size(); i++) {
                CSVRecord r = rows.get(i);
                assertThat(r.get("step")).isEqualTo(Integer.toString(i + 1));
                assertThat(r.get("phase")).isEqualTo("step");
                assertThat(r.get("model")).isEqualTo("open");
                assertThat(Double.parseDouble(r.get("offered_rps"))).isEqualTo(offered[i]);
                assertThat(Duration.between(Instant.parse(r.get("steady_start")), Instant.parse(r.get("steady_end"))))
                        .isEqualTo(Duration.ofSeconds(4));
                // a backlog is the service's on one schedule, not a slow injector's: every step valid
                assertThat(r.get("valid")).as(out).isEqualTo("true");
            }
            // the first step starts after the warm-up has ended: its ramp (1 s) and window come after it
            Instant warmupEnded = Instant.parse(warmup.get("ended_at").asText());
            assertThat(Instant.parse(rows.get(0).get("steady_start"))).as(out).isAfterOrEqualTo(warmupEnded);
            // one request at a time at 5 ms: at most 200 req/s. 50 and 150 are within the SLO; at 250
            // and 350 the queue grows by 50 and 150 req/s for 5 s, so the p95 is past 100 ms (latency
            // from each request's intended time: the waiting in the pool counts)
            assertThat(rows.get(0).get("slo_met")).as(out).isEqualTo("true");
            assertThat(rows.get(1).get("slo_met")).as(out).isEqualTo("true");
            assertThat(rows.get(2).get("slo_met")).as(out).isEqualTo("false");
            assertThat(rows.get(3).get("slo_met")).as(out).isEqualTo("false");
            assertThat(Double.parseDouble(rows.get(3).get("latency_p95_ms")))
                    .as(out)
                    .isGreaterThan(100);
        }
    }
}
