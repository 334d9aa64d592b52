package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Headroom announces before any load: the most it will send, from the scenario's own numbers. */
class HighestRateTest {
    private static final Path SCENARIOS = Path.of("scenarios");

    @Test
    void openModelAnnouncesItsTopStep() {
        // staircase: 100, 200, ..., 1000 req/s after a 50 req/s warm-up
        assertThat(Preflight.highestRate(ScenarioLoader.load("staircase", SCENARIOS)))
                .isEqualTo("1000 req/s (open model)");
    }

    @Test
    void aSearchAnnouncesItsMaximumRate() {
        assertThat(Preflight.highestRate(ScenarioLoader.load("quick", SCENARIOS)))
                .isEqualTo("5000 req/s (a search's max_rps)");
    }

    @Test
    void aSearchSaysWhenItsWarmUpIsTooShortToSettle(@TempDir Path dir) throws Exception {
        // default: 3 rises of 7.5 s and 4 windows of 15 s at 800 req/s take 82.5 s, within its 120 s
        assertThat(Preflight.describeLoad(ScenarioLoader.load("default", SCENARIOS)))
                .contains("warm-up rising to at most 800 req/s until steady (at most 120 s)");
        // quick at 50 s: 3 rises of 5 s and 4 windows of 10 s take 55 s, more than 50 s
        String yaml = Files.readString(SCENARIOS.resolve("quick.yaml"))
                .replace("name: quick", "name: shortwarm")
                .replaceAll("(?m)^(\\s*)warmup_max_s:\\s*\\d+", "$1warmup_max_s: 50");
        Files.writeString(dir.resolve("shortwarm.yaml"), yaml);
        assertThat(Preflight.describeLoad(ScenarioLoader.load("shortwarm", dir)))
                .contains("warm-up rising to at most 800 req/s for 50 s, too short to settle")
                .contains("take 55 s");
    }

    @Test
    void closedModelWithThinkTimeAnnouncesUsersOverThinkTime() {
        // breakpoint: 10 to 150 users, 100 ms think time: at most 150 / 0.1 s
        assertThat(Preflight.highestRate(ScenarioLoader.load("breakpoint", SCENARIOS)))
                .isEqualTo("at most 1500 req/s (150 users, each pausing 0.1 s between requests)");
    }

    @Test
    void closedModelWithoutThinkTimeSaysOnlyTheServiceBoundsIt(@TempDir Path dir) throws Exception {
        String yaml = Files.readString(SCENARIOS.resolve("breakpoint.yaml"))
                .replace("name: breakpoint", "name: nothink")
                .replaceAll("(?m)^(\\s*)think_time_ms:.*$", "$1think_time_ms: 0");
        Files.writeString(dir.resolve("nothink.yaml"), yaml);
        assertThat(Preflight.highestRate(ScenarioLoader.load("nothink", dir)))
                .startsWith("150 users sending back to back")
                .contains("as fast as the service answers");
    }
}
