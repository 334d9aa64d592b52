package dev.headroom.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.headroom.yaml.InputFileException;
import dev.headroom.yaml.InputFileException.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Scenario files written into a test's directory, and where things are in them. */
final class ScenarioFiles {
    /** The smallest valid open-model scenario: only required fields. */
    static final String MINIMAL_OPEN =
            """
            name: s
            description: smallest open scenario
            mix:
              menu: 3
              baseline: 1
            load:
              model: open
              warmup_s: 10
              warmup_rps: 50
              start_rps: 100
              step_rps: 50
              steps: 3
              step_duration_s: 20
              ramp_s: 2
            slo:
              p95_ms: 100
              p99_ms: 250
              error_ratio: 0.01
            """;

    /** The smallest valid closed-model scenario, without think time. */
    static final String MINIMAL_CLOSED =
            """
            name: s
            description: smallest closed scenario
            mix:
              get_order: 1
            load:
              model: closed
              warmup_s: 0
              warmup_users: 5
              start_users: 10
              step_users: 10
              steps: 2
              step_duration_s: 30
              ramp_s: 0
            slo:
              p95_ms: 50
              p99_ms: 50
              error_ratio: 0
            """;

    private ScenarioFiles() {}

    static Path write(Path dir, String name, String yaml) {
        return write(dir, name, yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name + ".yaml"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code dir/s.yaml}, expects it to be refused, and returns what was wrong. */
    static List<Problem> problemsOf(Path dir, String yaml) {
        write(dir, "s", yaml);
        InputFileException e = catchThrowableOfType(InputFileException.class, () -> ScenarioLoader.load("s", dir));
        assertThat(e).as("scenario should have been refused:%n%s", yaml).isNotNull();
        return e.problems();
    }

    /** {@code yaml} with its one occurrence of {@code from} replaced. */
    static String replace(String yaml, String from, String to) {
        assertThat(yaml).containsOnlyOnce(from);
        return yaml.replace(from, to);
    }

    /** The 1-based line of the only line containing {@code snippet}, found independently of the parser. */
    static int lineOf(String yaml, String snippet) {
        assertThat(yaml).containsOnlyOnce(snippet);
        String before = yaml.substring(0, yaml.indexOf(snippet));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }
}
