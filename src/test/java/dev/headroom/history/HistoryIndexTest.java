package dev.headroom.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.input.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryIndexTest {
    @TempDir
    Path results;

    @Test
    void everyRunIsListedOldestFirstEvenThoseThatEndedBadly() throws Exception {
        RunFixture.run("20261122-020000-nightly")
                .startedAt("2026-11-22T02:00:00Z")
                .writeIn(results);
        RunFixture.run("20261122-010000-nightly")
                .startedAt("2026-11-22T01:00:00Z")
                .writeIn(results);
        Path aborted = RunFixture.run("20261122-030000-nightly")
                .startedAt("2026-11-22T03:00:00Z")
                .status("aborted")
                .writeIn(results);
        Files.writeString(aborted.resolve("steps.csv"), "step,offered_rps,throughput_rps\n1,60,60\n");
        Path garbled = Files.createDirectories(results.resolve("20261122-040000-nightly"));
        Files.writeString(garbled.resolve("run.json"), "{ not json");
        Files.createDirectories(results.resolve("not-a-run")); // no run.json: not listed
        Files.createSymbolicLink(results.resolve("latest"), Path.of("20261122-020000-nightly"));

        List<RunSummary> runs = HistoryIndex.scan(results);
        assertThat(runs)
                .extracting(RunSummary::runId)
                .containsExactly(
                        "20261122-040000-nightly", // no started_at: sorts first
                        "20261122-010000-nightly",
                        "20261122-020000-nightly",
                        "20261122-030000-nightly");
        assertThat(runs.get(0).status()).isEqualTo("unreadable");
        assertThat(runs.get(3).measuredInFull()).isFalse();
        assertThat(runs.get(3).whyIncomplete())
                .hasValueSatisfying(w -> assertThat(w).contains("is aborted"));
        assertThat(runs.get(1).measuredInFull()).isTrue();

        List<Path> written = HistoryIndex.write(results, runs, Baselines.in(results));
        assertThat(written).allMatch(Files::isRegularFile);
        List<String> csv = Files.readAllLines(results.resolve(HistoryIndex.INDEX_CSV));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).startsWith("run_id,started_at,status,git_commit");
        assertThat(csv.get(2)).startsWith("20261122-010000-nightly,2026-11-22T01:00:00Z,completed,1111111111");
        // at the middle step (90 req/s), as the fixture wrote it: CPU per request 5 ms, the database's a
        // quarter of it (1.25 ms), their ratio 5 / 1.25 = 4, hold 2 ms, p95 22 ms
        assertThat(csv.get(0)).contains(",cpu_ms_per_request,conn_hold_ms,");
        assertThat(csv.get(0)).endsWith(",baselines,db_cpu_ms_per_request,cpu_per_db_cpu");
        assertThat(csv.get(2)).contains(",90,5,2,22,");
        assertThat(csv.get(2)).endsWith(",1.25,4");
    }

    @Test
    void aBaselineIsANamedCompletedRunAndSurvivesReReading() {
        RunSummary good = RunSummary.read(RunFixture.run("good").writeIn(results));
        RunSummary failed =
                RunSummary.read(RunFixture.run("bad").status("failed").writeIn(results));
        RunSummary asserted = RunSummary.read(
                RunFixture.run("asserted").status(RunSummary.ASSERTIONS_FAILED).writeIn(results));

        Baselines.in(results).set("nightly", good);
        assertThat(Baselines.in(results).get("nightly").orElseThrow().runId()).isEqualTo("good");
        assertThat(Baselines.in(results).namesOf("good")).containsExactly("nightly");
        assertThat(Runs.baseline("nightly", results).runId()).isEqualTo("good");

        assertThatThrownBy(() -> Baselines.in(results).set("nightly", failed))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("cannot be a baseline");
        assertThatThrownBy(() -> Baselines.in(results).set("nightly", asserted)).hasMessageContaining("assertions");
        assertThatThrownBy(() -> Baselines.in(results).set("no way", good)).hasMessageContaining("baseline name");
        assertThatThrownBy(() -> Runs.baseline("weekly", results))
                .hasMessageContaining("no baseline of that name")
                .hasMessageContaining("set: nightly");
    }

    @Test
    void aRunIsFoundByDirectoryOrByIdAndAnUnknownOneIsNamed() {
        Path dir = RunFixture.run("20261122-010000-nightly").writeIn(results);
        assertThat(Runs.find(dir.toString(), Path.of("elsewhere")).runId()).isEqualTo("20261122-010000-nightly");
        assertThat(Runs.find("20261122-010000-nightly", results).dir()).isEqualTo(dir);
        assertThatThrownBy(() -> Runs.find("20261122-999999-nightly", results))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("its newest: 20261122-010000-nightly");
    }
}
