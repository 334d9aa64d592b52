package dev.headroom.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.results.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrendTest {
    @TempDir
    Path results;

    private List<RunSummary> history() {
        RunFixture.run("n1")
                .startedAt("2026-11-20T03:17:00Z")
                .commit("aaaaaaaaaa1")
                .costs(5, 2, 20)
                .writeIn(results);
        RunFixture.run("n2")
                .startedAt("2026-11-21T03:17:00Z")
                .commit("bbbbbbbbbb2")
                .costs(5.2, 2, 21)
                .writeIn(results);
        RunFixture.run("n3")
                .startedAt("2026-11-22T03:17:00Z")
                .commit("cccccccccc3")
                .costs(7, 2.5, 30)
                .writeIn(results);
        RunFixture.run("failed")
                .startedAt("2026-11-21T15:00:00Z")
                .status("failed")
                .steps()
                .writeIn(results);
        // another scenario version: never on the same line
        RunFixture.run("edited")
                .startedAt("2026-11-22T01:00:00Z")
                .scenario("nightly", "e".repeat(64))
                .writeIn(results);
        return HistoryIndex.scan(results);
    }

    @Test
    void aTrendJoinsOnlyRunsAlikeWithTheNewestAndListsTheFailedOnes() {
        Trend t = Trend.of(history(), Optional.empty(), 30, Baselines.in(results));
        assertThat(t.alike()).extracting(RunSummary::runId).containsExactly("n1", "n2", "n3");
        assertThat(t.others()).extracting(RunSummary::runId).containsExactly("failed");
        assertThat(Trend.of(history(), Optional.empty(), 2, Baselines.in(results))
                        .alike())
                .extracting(RunSummary::runId)
                .containsExactly("n2", "n3");
    }

    @Test
    void thePageCarriesItsDataInlineAndFetchesNothing() throws Exception {
        List<RunSummary> h = history();
        Baselines.in(results)
                .set(
                        "nightly",
                        h.stream()
                                .filter(r -> r.runId().equals("n1"))
                                .findFirst()
                                .orElseThrow());
        Trend t = Trend.of(h, Optional.empty(), 30, Baselines.in(results));
        String page = TrendPage.render(t);
        assertThat(page).contains("Content-Security-Policy").contains("default-src 'none'");
        assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//");
        Matcher m = Pattern.compile(
                        "<script type=\"application/json\" id=\"trend-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(page);
        assertThat(m.find()).isTrue();
        JsonNode data = Json.MAPPER.readTree(m.group(1));
        assertThat(data.path("runs")).hasSize(3);
        JsonNode last = data.path("runs").get(2);
        assertThat(last.path("commit").asText()).isEqualTo("cccccccccc");
        assertThat(last.path("cpu_ms_per_request").asDouble()).isEqualTo(7.0);
        assertThat(last.path("label").asText()).isEqualTo("11-22 03:17 · cccccccccc");
        assertThat(data.path("runs").get(0).path("baselines").get(0).asText()).isEqualTo("nightly");
        for (String id : List.of("chart-capacity", "chart-cpu", "chart-hold", "chart-latency", "chart-calibration"))
            assertThat(page).contains("id=\"" + id + "\"");
    }

    @Test
    void theMarkdownTableIsNewestFirstWithOneRowPerRun() {
        String md = TrendTable.markdown(Trend.of(history(), Optional.empty(), 30, Baselines.in(results)));
        List<String> rows = md.lines().filter(l -> l.startsWith("|")).skip(2).toList(); // after the header and its rule
        assertThat(rows).hasSize(4);
        // CPU per request 7 ms, then the service's CPU over the database's (a quarter of it): 4
        assertThat(rows.get(0)).contains("n3").contains("| 7.00 | 4.00 |");
        assertThat(rows.get(1)).contains("failed").doesNotContain("| 5.");
        assertThat(rows.get(2)).contains("n2").contains("| 5.20 |");
        assertThat(md).startsWith("### Headroom trend: nightly (last 3 alike runs, newest first)");
    }
}
