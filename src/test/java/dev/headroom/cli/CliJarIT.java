package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.history.RunFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line artifact as a user runs it, {@code java -jar target/headroom-cli.jar}, in a JVM
 * of its own: it carries what its commands need (a library missing from the pom's shade list fails
 * here) and nothing of the reference service or the lab.
 */
class CliJarIT {
    private static final Path JAR = Path.of("target", "headroom-cli.jar");

    @TempDir
    Path dir;

    private record Result(int exit, String output) {}

    private static Result headroom(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("headroom " + String.join(" ", args) + " did not end in 60 s:\n" + output);
        }
        return new Result(p.exitValue(), output);
    }

    @Test
    void isAtMost30MiBWithNoSpringMariaDbTestcontainersOrGatlingInside() throws IOException {
        // 30 MiB is issue 11's target; the Spring Boot repackage it replaces was 212 MiB.
        assertThat(Files.size(JAR)).isLessThanOrEqualTo(30L * 1024 * 1024);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(Main.class.getName());
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names)
                    .contains("dev/headroom/cli/Main.class", "picocli/CommandLine.class")
                    .noneMatch(n -> n.startsWith("org/springframework/")
                            || n.startsWith("ch/vorburger/")
                            || n.startsWith("org/testcontainers/")
                            || n.startsWith("io/gatling/")
                            || n.startsWith("io/netty/")
                            || n.startsWith("com/mysql/")
                            || n.startsWith("dev/headroom/service/"));
        }
    }

    /**
     * The library jar is on a user's test classpath: at its root there must be nothing a user's own
     * Spring Boot application reads (an application.properties, Flyway's default db/migration).
     */
    @Test
    void theLibraryJarHoldsNothingAUsersSpringBootAppWouldRead() throws IOException {
        try (JarFile jar = new JarFile(Path.of("target", "headroom.jar").toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names)
                    .contains("headroom-service.properties", "dev/headroom/service/db/mysql/V1__orders_schema.sql")
                    .noneMatch(n -> n.startsWith("application")
                            || n.startsWith("db/")
                            || n.startsWith("config/")
                            || n.startsWith("BOOT-INF/"));
        }
    }

    @Test
    void sizesTheSeedStepsWithAPlanAndItsReport() throws Exception {
        Path out = dir.resolve("size");
        Result r = headroom(
                "size",
                "src/test/resources/sizing/seed/steps.csv",
                "--request",
                "src/test/resources/sizing/seed/eks-team.yaml",
                "--out",
                out.toString());

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(out.resolve("sizing.json")).isRegularFile();
        // report.html inlines Chart.js from its WebJar: the jar carries the WebJar too
        assertThat(Files.readString(out.resolve("report.html"))).contains("Chart");
    }

    /** Schwartz's Cisco benchmark, as in UslCommandTest: σ = 0.02671591, κ = 7.690945e-4, λ = 995.6486. */
    @Test
    void fitsTheUslToTheCiscoBenchmark() throws Exception {
        Result r = headroom("usl", "src/test/resources/usl/cisco.csv");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("USL fit of 32 points")
                .containsPattern("sigma \\(contention\\) +0\\.02671")
                .containsPattern("lambda \\(throughput per unit\\) +995\\.6");
    }

    /** As in NightlyCommandsTest: CPU per request 4.9, 5.0, 5.1 ms on one commit, then 8.0 ms, a regression. */
    @Test
    void theNightlyCommandsKeepTheirExitCodes() throws Exception {
        String results = dir.toString();
        RunFixture.run("n1").startedAt("2026-11-20T01:00:00Z").costs(4.9, 2, 20).writeIn(dir);
        RunFixture.run("n2").startedAt("2026-11-20T02:00:00Z").costs(5.0, 2, 21).writeIn(dir);
        RunFixture.run("n3").startedAt("2026-11-20T03:00:00Z").costs(5.1, 2, 19).writeIn(dir);
        RunFixture.run("slow")
                .startedAt("2026-11-22T01:00:00Z")
                .commit("3333333333cccccccccc")
                .costs(8.0, 2, 20)
                .writeIn(dir);

        assertThat(headroom("noise", "n1", "n2", "n3", "--results", results).exit())
                .isZero();
        assertThat(headroom("baseline", "set", "nightly", "n1", "--results", results)
                        .exit())
                .isZero();
        Result history = headroom("history", results);
        assertThat(history.exit()).as(history.output()).isZero();
        assertThat(dir.resolve("index.csv")).isRegularFile();

        Result compare = headroom("compare", "slow", "--baseline", "nightly", "--results", results);
        assertThat(compare.exit()).as(compare.output()).isEqualTo(Main.EXIT_REGRESSION);
        assertThat(dir.resolve("slow").resolve("comparison.md")).isRegularFile();

        Result trend = headroom("trend", results, "--out", dir.resolve("report").toString());
        assertThat(trend.exit()).as(trend.output()).isZero();
        assertThat(dir.resolve("report").resolve("trend.html")).isRegularFile();
    }
}
