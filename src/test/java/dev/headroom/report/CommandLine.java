package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs an external tool (terraform, kubectl) as a user would, for tests that skip without it. */
final class CommandLine {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private CommandLine() {}

    record Result(List<String> command, int exitCode, String output) {
        Result succeeded() {
            assertThat(exitCode)
                    .as("%s exited %d:%n%s", String.join(" ", command), exitCode, output)
                    .isZero();
            return this;
        }

        Result failed() {
            assertThat(exitCode)
                    .as("%s should have failed:%n%s", String.join(" ", command), output)
                    .isNotZero();
            return this;
        }
    }

    /** The executable on the PATH, as the shell would find it. */
    static Optional<Path> onPath(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** This JVM's environment, less the variables whose names start with one of {@code dropPrefixes}. */
    static Map<String, String> inheritedEnvironment(String... dropPrefixes) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> Arrays.stream(dropPrefixes).anyMatch(name::startsWith));
        return env;
    }

    /**
     * Runs {@code command} in {@code directory} with exactly {@code environment} (start from
     * {@link #inheritedEnvironment}), stdout and stderr merged. The output goes to a file, not a pipe, so a chatty tool cannot
     * block on a full pipe while the test waits for it to exit.
     */
    static Result run(Path directory, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(directory, "command", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Result(List.of(command), process.exitValue(), output);
    }
}
