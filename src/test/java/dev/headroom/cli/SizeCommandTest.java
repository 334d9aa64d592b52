package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad numbers on the command line or in the request end in exit 2 before anything is sized or written. */
class SizeCommandTest {
    private static final Path SEED_STEPS = Path.of("src/test/resources/sizing/seed/steps.csv");

    @TempDir
    Path dir;

    private Path out;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    @BeforeEach
    void outputsGoToASubdirectory() {
        out = dir.resolve("out");
    }

    private int size(String... args) {
        return new CommandLine(new SizeCommand())
                .setOut(new PrintWriter(stdout))
                .setErr(new PrintWriter(stderr))
                .execute(args);
    }

    private void nothingWritten() {
        assertThat(out).doesNotExist();
    }

    @Test
    void aPeakRpsFlagOf1e300IsRefusedNamingTheFlagAndItsRange() {
        int code = size(SEED_STEPS.toString(), "--peak-rps", "1e300", "--out", out.toString());

        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(stderr.toString()).contains("--peak-rps: must be a number > 0 and <= 10000000, was 1.0E300");
        nothingWritten();
    }

    @Test
    void anSloP95FlagOf1e308IsRefusedNamingTheFlagAndItsRange() {
        int code = size(SEED_STEPS.toString(), "--slo-p95-ms", "1e308", "--out", out.toString());

        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(stderr.toString()).contains("--slo-p95-ms: must be a number > 0 and <= 86400000, was 1.0E308");
        nothingWritten();
    }

    @Test
    void aPeakRpsFlagJustPastTheBoundIsRefusedAsTyped() {
        assertThat(size(SEED_STEPS.toString(), "--peak-rps", "10000001", "--out", out.toString()))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(stderr.toString()).contains("--peak-rps: must be a number > 0 and <= 10000000, was 10000001");
    }

    @Test
    void aRequestWithAPeakOf1e300ExitsWith2NamingFileLineAndField() throws IOException {
        Path request = dir.resolve("sizing.yaml");
        Files.writeString(request, "peak:\n  rps: 1e300\n");

        int code = size(SEED_STEPS.toString(), "--request", request.toString(), "--out", out.toString());

        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(stderr.toString())
                .contains(request + ":2: peak.rps: must be a number > 0 and <= 10000000, was 1e300");
        nothingWritten();
    }

    /**
     * No request, no peak: capacity, the knee, the USL, demand and the bottleneck are written and
     * the run exits 0 with a PEAK_NOT_GIVEN finding; plans, and so the Terraform variables, need a peak.
     */
    @Test
    void withoutAPeakTheCapacityPartIsWrittenWithExit0() throws IOException {
        int code = size(SEED_STEPS.toString(), "--out", out.toString());

        assertThat(code).as(stderr.toString()).isEqualTo(0);
        assertThat(stdout.toString()).contains("PEAK_NOT_GIVEN", "knee at concurrency 500.0");
        String json = Files.readString(out.resolve("sizing.json"));
        assertThat(json).contains("\"knee_concurrency\" : 500.0", "PEAK_NOT_GIVEN");
        assertThat(out.resolve("capacity.auto.tfvars.json")).doesNotExist();
        assertThat(Files.readString(out.resolve("report.md"))).contains("not given: no plan is made");
    }
}
