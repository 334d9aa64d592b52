package dev.headroom.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.metrics.EndpointStats;
import dev.headroom.metrics.StepFixtures;
import dev.headroom.metrics.StepResult;
import dev.headroom.metrics.StepsCsv;
import dev.headroom.metrics.Validity;
import dev.headroom.scenario.LoadModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    /** The interchange contract of steps.csv, in the order the README documents. */
    static final List<String> CONTRACT = List.of(
            "step",
            "concurrency",
            "offered_rps",
            "throughput_rps",
            "latency_p50_ms",
            "latency_p95_ms",
            "latency_p99_ms",
            "error_ratio",
            "app_cpu_cores",
            "db_cpu_cores",
            "pool_active_avg",
            "pool_pending_avg",
            "conn_acquire_ms_avg",
            "conn_usage_ms_avg",
            "valid");

    @TempDir
    Path root;

    @Test
    void writesEachStepAsItComesWithTheContractColumnsFirst() throws Exception {
        RunDirectory run = RunDirectory.create(root, "run-1");
        assertThat(read(run.path())).isEmpty();
        run.append(step(1, 0.42, Validity.VALID));
        assertThat(read(run.path())).hasSize(1); // on disk before the next step exists
        run.append(step(2, Double.NaN, Validity.invalid("injector sent 90.0 of 100.0 req/s")));

        List<String> header = List.of(
                Files.readAllLines(run.path().resolve("steps.csv")).get(0).split(","));
        assertThat(header.subList(0, CONTRACT.size())).isEqualTo(CONTRACT);

        List<CSVRecord> rows = read(run.path());
        assertThat(rows.get(0).get("app_cpu_cores")).isEqualTo("0.42");
        assertThat(rows.get(0).get("valid")).isEqualTo("true");
        assertThat(rows.get(1).get("app_cpu_cores")).isEmpty(); // unmeasured is empty, never 0 or NaN
        assertThat(rows.get(1).get("valid")).isEqualTo("false");
        assertThat(rows.get(1).get("invalid_reason")).isEqualTo("injector sent 90.0 of 100.0 req/s");

        JsonNode json = Json.MAPPER.readTree(run.path().resolve("steps.json").toFile());
        assertThat(json).hasSize(2);
        assertThat(json.get(1).get("server").get("app_cpu_cores").isNull()).isTrue();
        assertThat(json.get(0).get("client").get("throughput_rps").asDouble()).isEqualTo(95.5);
    }

    /** The owner of the names and the writer agree: every name is written, once, contract first. */
    @Test
    void theWriterWritesEveryColumnStepsCsvNamesAndNoOther() throws Exception {
        List<String> named = new java.util.ArrayList<>();
        for (java.lang.reflect.Field f : StepsCsv.class.getFields())
            if (f.getType() == String.class) named.add((String) f.get(null));
        assertThat(StepColumns.names()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(named);
        assertThat(StepsCsv.CONTRACT).isEqualTo(CONTRACT);
        assertThat(StepColumns.names().subList(0, CONTRACT.size())).isEqualTo(StepsCsv.CONTRACT);
    }

    @Test
    void latestLeadsToTheNewestRunAndARunIdIsNeverReused() throws Exception {
        RunDirectory.create(root, "run-a");
        RunDirectory.create(root, "run-b");
        assertThat(Files.readSymbolicLink(root.resolve("latest"))).isEqualTo(Path.of("run-b"));
        assertThat(root.resolve("latest").resolve("steps.csv")).exists();
        assertThatThrownBy(() -> RunDirectory.create(root, "run-a")).hasMessageContaining("run-a");
    }

    @Test
    void theJournalKeepsTheFirstEnding() throws Exception {
        RunDirectory run = RunDirectory.create(root, "run-j");
        RunJournal journal = new RunJournal(run.path(), "run-j");
        journal.running();
        assertThat(journal.end(RunJournal.Status.ABORTED, "database died")).isTrue();
        assertThat(journal.end(RunJournal.Status.INTERRUPTED, "later")).isFalse();
        JsonNode json = Json.MAPPER.readTree(run.path().resolve("run.json").toFile());
        assertThat(json.get("status").asText()).isEqualTo("aborted");
        assertThat(json.get("message").asText()).isEqualTo("database died");
        assertThat(json.has("ended_at")).isTrue();
    }

    private static List<CSVRecord> read(Path dir) throws Exception {
        return StepsCsvFiles.read(dir);
    }

    static StepResult step(int n, double appCpu, Validity validity) {
        EndpointStats client = StepFixtures.endpointStats(100, 95.5);
        return new StepResult(
                n,
                LoadModel.OPEN,
                100,
                0.5,
                Instant.parse("2026-11-22T00:00:00Z"),
                Instant.parse("2026-11-22T00:00:10Z"),
                client,
                Map.of("menu", client),
                StepFixtures.serverFigures(appCpu, 0.8),
                true,
                validity);
    }
}
