package dev.headroom.scenario;

import static dev.headroom.scenario.ScenarioFiles.MINIMAL_OPEN;
import static dev.headroom.scenario.ScenarioFiles.lineOf;
import static dev.headroom.scenario.ScenarioFiles.problemsOf;
import static dev.headroom.scenario.ScenarioFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.yaml.InputFileException.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssertionsReaderTest {
    @TempDir
    Path dir;

    @Test
    void aScenarioWithoutAssertionsAssertsNothing() {
        write(dir, "s", MINIMAL_OPEN);
        assertThat(ScenarioLoader.load("s", dir).assertions().any()).isFalse();
    }

    @Test
    void assertionsAreReadInTheirOwnUnits() {
        write(
                dir,
                "s",
                MINIMAL_OPEN
                        + """
                assertions:
                  reference_load: 150
                  max_p95_ms: 80
                  max_p99_ms: 200
                  max_error_ratio: 0.001
                  min_capacity_at_slo_rps: 120
                  max_cpu_ms_per_request: 2.5
                """);
        Assertions a = ScenarioLoader.load("s", dir).assertions();
        assertThat(a).isEqualTo(new Assertions(150, 80, 200, 0.001, 120, 2.5));
        assertThat(a.any()).isTrue();
    }

    @Test
    void aBadAssertionIsReportedWithItsLineAndWhatIsAccepted() {
        String yaml = MINIMAL_OPEN
                + """
                assertions:
                  max_p95_ms: fast
                  max_error_ratio: 2
                  max_p59_ms: 80
                """;
        String file = dir.resolve("s.yaml").toString();
        assertThat(problemsOf(dir, yaml))
                .contains(new Problem(
                        file,
                        lineOf(yaml, "max_p95_ms: fast"),
                        "assertions.max_p95_ms",
                        "must be a number > 0, was fast"))
                .anyMatch(p -> p.field().equals("assertions.max_error_ratio")
                        && p.message().contains("was 2"))
                .anyMatch(p -> p.field().equals("assertions.max_p59_ms")
                        && p.message().contains("did you mean max_p95_ms")
                        && p.line() == lineOf(yaml, "max_p59_ms"));
    }

    @Test
    void aSectionThatLimitsNothingIsRefused() {
        String yaml = MINIMAL_OPEN + "assertions:\n  reference_load: 100\n";
        assertThat(problemsOf(dir, yaml))
                .anyMatch(p -> p.field().equals("assertions") && p.message().contains("names no limit"));
    }
}
