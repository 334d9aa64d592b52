package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the capacity simulation the way {@code mvn gatling:test} does: Gatling's own main class in
 * a JVM of its own, on the test classpath Maven wrote, so the tests exercise the real engine, the
 * real shutdown hooks and the real exit codes.
 */
final class GatlingProcess {
    private final Process process;
    private final Path output;

    private GatlingProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** The one run directory a run started in {@code workDir} wrote under its {@code results/}. */
    static Path onlyRun(Path workDir) throws IOException {
        try (var runs = Files.list(workDir.resolve("results"))) {
            List<Path> dirs = runs.filter(p -> !p.getFileName().toString().equals("latest"))
                    .filter(Files::isDirectory)
                    .toList();
            assertThat(dirs).hasSize(1);
            return dirs.get(0);
        }
    }

    /** Starts a run with {@code headroom.*} settings; everything it writes goes under {@code workDir}. */
    static GatlingProcess start(Path workDir, Map<String, String> settings) throws IOException {
        return start(workDir, settings, Map.of());
    }

    /**
     * As {@link #start(Path, Map)}, with variables added to the environment, which the processes the
     * lab starts (the service JVM among them) inherit.
     */
    static GatlingProcess start(Path workDir, Map<String, String> settings, Map<String, String> environment)
            throws IOException {
        return start(workDir, settings, environment, CapacitySimulation.class);
    }

    /** As {@link #start(Path, Map, Map)}, running another simulation of the test classes. */
    static GatlingProcess start(
            Path workDir,
            Map<String, String> settings,
            Map<String, String> environment,
            Class<? extends io.gatling.javaapi.core.Simulation> simulation)
            throws IOException {
        Path output = workDir.resolve("gatling-console.log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // the JVM flags gatling-maven-plugin 4.21 passes to its fork; Gatling's log writer needs the opens
        command.addAll(List.of(
                "-Xmx1G",
                "-XX:+HeapDumpOnOutOfMemoryError",
                "-XX:MaxInlineLevel=20",
                "-XX:MaxTrivialSize=12",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED"));
        command.add("-Dheadroom.results.dir=" + workDir.resolve("results"));
        command.add("-Dheadroom.gatling.results.dir=" + workDir.resolve("gatling"));
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of(
                "-cp",
                classpath(),
                "io.gatling.app.Gatling",
                "-s",
                simulation.getName(),
                "-rf",
                workDir.resolve("gatling").toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new GatlingProcess(process, output);
    }

    static String classpath() throws IOException {
        String deps =
                Files.readString(Path.of("target", "classpath", "test.txt")).strip();
        return String.join(
                File.pathSeparator,
                Path.of("target", "test-classes").toAbsolutePath().toString(),
                Path.of("target", "classes").toAbsolutePath().toString(),
                deps);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does. */
    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    }

    /** Waits for the exit; a run that outlives {@code timeoutS} is killed and the test fails on it. */
    int waitFor(long timeoutS) throws InterruptedException {
        if (!process.waitFor(timeoutS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("Gatling did not finish within " + timeoutS + " s; output:\n" + output());
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
