package dev.headroom.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.scenario.LoadModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJsonTest {
    @TempDir
    Path dir;

    private static RunJson.Scenario scenario() {
        Map<String, Integer> mix = new LinkedHashMap<>();
        mix.put("menu", 3);
        mix.put("place_order", 1);
        return new RunJson.Scenario(
                "quick",
                "scenarios/quick.yaml",
                "ab12",
                LoadModel.CLOSED,
                Map.of("users", 4),
                null,
                mix,
                new RunJson.Slo(100.0, 250.0, 0.01),
                List.of(new RunJson.PlanStep(1, 4.0, 10.0, 12.0, 42.0), new RunJson.PlanStep(2, 8.0, 42.0, 44.0, 74.0)),
                5.0);
    }

    /** What the run writes through the journal is what the readers get back, field for field. */
    @Test
    void theSectionsWrittenThroughTheJournalReadBackAsTheSameRecords() throws Exception {
        RunJson.Environment env = new RunJson.Environment(
                "0123456789abcdef",
                false,
                new RunJson.Host("AMD EPYC 7B13", 2, "Linux 6.1", "amd64"),
                new RunJson.Injector("Eclipse Adoptium 17.0.12", List.of("-Xmx1g"), 4242L),
                Map.of("status", "skipped"));
        RunJournal journal = new RunJournal(dir, "run-1");
        journal.set("environment", env);
        journal.set("scenario", scenario());

        JsonNode run = Json.MAPPER.readTree(dir.resolve(RunDirectory.RUN_JSON).toFile());
        assertThat(RunJson.environment(run)).isEqualTo(env);
        RunJson.Scenario back = RunJson.scenario(run);
        assertThat(back.name()).isEqualTo("quick");
        assertThat(back.model()).isEqualTo(LoadModel.CLOSED);
        assertThat(back.slo()).isEqualTo(new RunJson.Slo(100.0, 250.0, 0.01));
        assertThat(back.plan()).isEqualTo(scenario().plan());
        assertThat(back.mix()).containsExactly(Map.entry("menu", 3), Map.entry("place_order", 1));
        // the file keeps its documented spelling: snake_case, the model as its key, no null requests
        JsonNode s = run.path("scenario");
        assertThat(s.path("model").asText()).isEqualTo("closed");
        assertThat(s.path("slo").path("p95_ms").asDouble()).isEqualTo(100.0);
        assertThat(s.path("plan").get(1).path("steady_start_s").asDouble()).isEqualTo(44.0);
        assertThat(s.has("requests")).isFalse();
        assertThat(run.path("environment").path("host").path("cpu_model").asText())
                .isEqualTo("AMD EPYC 7B13");
    }

    /** An older or foreign run.json: what it lacks reads as null, never as a made-up value. */
    @Test
    void whatARunJsonLacksReadsAsNull() throws Exception {
        JsonNode run = Json.MAPPER.readTree(
                "{\"scenario\": {\"name\": \"old\", \"model\": \"staircase\", \"extra\": 1}, \"environment\": 3}");
        RunJson.Scenario s = RunJson.scenario(run);
        assertThat(s.name()).isEqualTo("old");
        assertThat(s.model()).isNull();
        assertThat(s.slo().p95Ms()).isNull();
        assertThat(s.plan()).isEmpty();
        RunJson.Environment e = RunJson.environment(run);
        assertThat(e.gitCommit()).isNull();
        assertThat(e.host().cpuCount()).isNull();
    }
}
