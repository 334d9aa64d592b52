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
        // staircase: 100, 200, ..., 1000 req/s after a warm-up of up to 800 req/s
        assertThat(Preflight.highestRate(ScenarioLoader.load("staircase", SCENARIOS)))
                .isEqualTo("1000 req/s (open model)");
    }

    @Test
    void aSearchAnnouncesItsMaximumRate() {
        assertThat(Preflight.highestRate(ScenarioLoader.load("quick", SCENARIOS)))
                .isEqualTo("5000 req/s (a search's max_rps)");
    }

    @Test
    void aSearchSaysWhenItsWarmUpIsTooShortToSettle() {
        // default: 15 s windows, 3 rises and 4 windows at 800 req/s take 105 s, within its 120 s
        assertThat(Preflight.describeLoad(ScenarioLoader.load("default", SCENARIOS)))
                .contains("warm-up rising to at most 800 req/s until steady (at most 120 s)");
        // quick: 10 s windows take 70 s, more than its 60 s
        assertThat(Preflight.describeLoad(ScenarioLoader.load("quick", SCENARIOS)))
                .contains("warm-up rising to at most 800 req/s for 60 s, too short to settle")
                .contains("take 70 s");
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
