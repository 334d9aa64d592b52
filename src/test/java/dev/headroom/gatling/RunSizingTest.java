package dev.headroom.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.results.Json;
import dev.headroom.results.RunJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sizing at the end of a run, on a measured run's steps (src/test/resources/systems/measured-read-heavy). */
class RunSizingTest {
    private static final Path MEASURED = Path.of("src", "test", "resources", "systems", "measured-read-heavy");

    /** A run directory as a run leaves it before its sizing: steps.csv and run.json's scenario and lab. */
    private static RunJournal measuredRun(Path dir) throws Exception {
        Files.copy(MEASURED.resolve("steps.csv"), dir.resolve("steps.csv"));
        JsonNode recorded = Json.MAPPER.readTree(MEASURED.resolve("run.json").toFile());
        RunJournal journal = new RunJournal(dir, "test-run");
        for (String field : new String[] {"environment", "scenario", "lab"}) journal.set(field, recorded.get(field));
        return journal;
    }

    @Test
    void aRunWithoutASizingRequestIsSizedWithTheDefaultAndThePeakIsSaidToBeMissing(@TempDir Path dir) throws Exception {
        RunJournal journal = measuredRun(dir);
        RunSizing.size(dir, Optional.empty(), "no sizing request given (test)", journal);

        JsonNode sizing = Json.MAPPER.readTree(dir.resolve("run.json").toFile()).get("sizing");
        assertThat(sizing.get("status").asText()).as(sizing.toString()).isEqualTo("written");
        assertThat(sizing.get("request").asText()).startsWith("none: the default request (no peak)");
        assertThat(sizing.get("why_default").asText()).isEqualTo("no sizing request given (test)");
        assertThat(sizing.get("findings").toString()).contains("PEAK_NOT_GIVEN");

        // capacity, knee, demand and bottleneck are still written; no plan without a peak
        JsonNode written = Json.MAPPER.readTree(dir.resolve("sizing.json").toFile());
        assertThat(written.toString()).contains("capacity").contains("service_demand");
        assertThat(dir.resolve("report.html")).isRegularFile();
        assertThat(dir.resolve("capacity.auto.tfvars.json")).doesNotExist();
    }

    @Test
    void aSizingRequestPathWithNoFileGetsTheDefaultTooAndSaysWhichFileWasMissing(@TempDir Path dir) throws Exception {
        RunJournal journal = measuredRun(dir);
        Path absent = dir.resolve("sizing").resolve("own.yaml");
        RunSizing.size(dir, Optional.of(absent), "no sizing request for scenario own", journal);

        JsonNode sizing = Json.MAPPER.readTree(dir.resolve("run.json").toFile()).get("sizing");
        assertThat(sizing.get("status").asText()).isEqualTo("written");
        assertThat(sizing.get("why_default").asText())
                .isEqualTo("no sizing request for scenario own (no " + absent + ")");
    }
}
