package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.history.RunFixture;
import dev.headroom.results.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history, baseline, compare, trend and noise as a user runs them, with their exit codes. */
class NightlyCommandsTest {
    @TempDir
    Path results;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int headroom(String... args) {
        return Main.commandLine()
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
    }

    private String r() {
        return results.toString();
    }

    /** Three runs of one commit (CPU per request 4.9, 5.0, 5.1 ms) whose noise is written beside the scenario. */
    private void measuredNoise() {
        RunFixture.run("n1").startedAt("2026-11-20T01:00:00Z").costs(4.9, 2, 20).writeIn(results);
        RunFixture.run("n2").startedAt("2026-11-20T02:00:00Z").costs(5.0, 2, 21).writeIn(results);
        RunFixture.run("n3").startedAt("2026-11-20T03:00:00Z").costs(5.1, 2, 19).writeIn(results);
        assertThat(headroom("noise", "n1", "n2", "n3", "--results", r()))
                .as(err.toString())
                .isZero();
    }

    @Test
    void theNightlyCycleExitsZeroOnASameBuildAndOneOnASlowerOne() throws Exception {
        measuredNoise();
        Path noise = results.resolve("scenarios").resolve("noise").resolve("nightly.json");
        assertThat(noise).isRegularFile();
        assertThat(out.toString()).contains("cpu_ms_per_request").contains("written: " + noise);

        assertThat(headroom("baseline", "set", "nightly", "n1", "--results", r()))
                .isZero();
        assertThat(headroom("baseline", "get", "nightly", "--results", r())).isZero();
        assertThat(out.toString()).contains("n1\n");

        RunFixture.run("same")
                .startedAt("2026-11-21T01:00:00Z")
                .commit("2222222222bbbbbbbbbb")
                .costs(5.05, 2, 20)
                .writeIn(results);
        assertThat(headroom("compare", "same", "--baseline", "nightly", "--results", r()))
                .isZero();
        assertThat(out.toString()).contains("verdict: equivalent");
        assertThat(results.resolve("same").resolve("comparison.md")).isRegularFile();

        RunFixture.run("slow")
                .startedAt("2026-11-22T01:00:00Z")
                .commit("3333333333cccccccccc")
                .costs(8.0, 2, 20)
                .writeIn(results);
        Path out2 = results.resolve("report");
        assertThat(headroom("compare", "slow", "--baseline", "nightly", "--results", r(), "--out", out2.toString()))
                .isEqualTo(Main.EXIT_REGRESSION);
        JsonNode json = Json.MAPPER.readTree(out2.resolve("comparison.json").toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("regression");
        assertThat(json.path("gate_failures").get(0).asText())
                .contains("service CPU per request rose by 63.3 % (4.90 → 8.00 ms)");
        // the three runs of one commit are in the results folder too: noise measured on this host comes first
        assertThat(json.path("noise").asText()).contains("3 runs of one commit in " + results);
        assertThat(headroom("compare", "slow", "--baseline", "nightly", "--results", r(), "--noise", noise.toString()))
                .isEqualTo(Main.EXIT_REGRESSION);
        assertThat(out.toString()).contains("noise: " + noise);

        // a looser limit from the command line lets the same change through, reported as worse
        assertThat(headroom("compare", "slow", "--baseline", "nightly", "--results", r(), "--max-cpu-rise", "70"))
                .isZero();
        assertThat(out.toString()).contains("verdict: changed within the gate");

        assertThat(headroom("history", r())).isZero();
        assertThat(results.resolve("index.csv")).isRegularFile();
        assertThat(headroom("trend", r(), "--last", "10")).isZero();
        assertThat(results.resolve("trend.html")).isRegularFile();
        assertThat(Files.readString(results.resolve("trend.md")))
                .contains("slow")
                .contains("same");
    }

    @Test
    void runsOfAnotherSetupAreNotComparableUnlessForced() {
        RunFixture.run("a").writeIn(results);
        RunFixture.run("b").pool(20).writeIn(results);
        assertThat(headroom("compare", "a", "b", "--results", r())).isEqualTo(Main.EXIT_NOT_COMPARABLE);
        assertThat(out.toString()).contains("not comparable: connection pool size 10 → 20");
        assertThat(headroom("compare", "a", "b", "--results", r(), "--force")).isZero();
    }

    @Test
    void badInputExitsTwoAndSaysWhatIsWrong() throws Exception {
        RunFixture.run("a").writeIn(results);
        assertThat(headroom("compare", "a", "--results", r())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("no baseline");
        assertThat(headroom("compare", "a", "--baseline", "nightly", "--results", r()))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("baseline 'nightly'").contains("none is set");
        assertThat(headroom("compare", "a", "nope", "--results", r())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("run 'nope'");
        Path gate = results.resolve("gate.yaml");
        Files.writeString(gate, "max_rise_pct:\n  p95_ms: -5\n");
        assertThat(headroom("compare", "a", "a", "--results", r(), "--gate", gate.toString()))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains(gate + ":2: max_rise_pct.p95_ms:");
        assertThat(headroom("compare", "a", "a", "--results", r(), "--max-p95-rise", "-1"))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(headroom("noise", "a", "a", "--results", r())).isEqualTo(Main.EXIT_BAD_INPUT); // fewer than 3
        assertThat(headroom("baseline", "get", "nightly", "--results", r())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(headroom("history", results.resolve("missing").toString())).isEqualTo(Main.EXIT_BAD_INPUT);
    }

    @Test
    void noiseIsNotMeasuredOnRunsTheHostLimited() {
        RunFixture.run("n1").writeIn(results);
        RunFixture.run("n2").writeIn(results);
        RunFixture.run("busy")
                .steps(RunFixture.Step.of(60, 20, 5, 2), new RunFixture.Step(90, 90, 22, 0.45, 2, false))
                .writeIn(results);
        assertThat(headroom("noise", "n1", "n2", "busy", "--results", r())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("run busy has invalid steps");
    }

    @Test
    void noiseIsMeasuredOnOneBuildOnly() {
        RunFixture.run("n1").writeIn(results);
        RunFixture.run("n2").writeIn(results);
        RunFixture.run("slow").extraCpuUs(5000).writeIn(results);
        assertThat(headroom("noise", "n1", "n2", "slow", "--results", r())).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("slow is another build").contains("5000 µs");
    }
}
