package dev.headroom.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.SizingRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The request file's numbers are bounded where they are read: a value past its range is refused
 * with file, line, field and the range, before anything is sized, so nothing overflows later.
 */
class RequestFileTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("sizing.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private SizingRequest resolve(Path file) {
        return RequestResolver.resolve(
                RequestFile.read(file),
                new RequestResolver.Overrides(
                        Optional.empty(), Optional.empty(), Double.NaN, Double.NaN, Optional.empty()),
                RunRecord.none(),
                CatalogFiles.instances(),
                CatalogFiles.dbClasses());
    }

    /** {@code section.key: value} as YAML; the value is on line 2, or line 1 for a top-level key. */
    private static String field(String dotted, String value) {
        int dot = dotted.indexOf('.');
        if (dot < 0) return dotted + ": " + value + "\n";
        return dotted.substring(0, dot) + ":\n  " + dotted.substring(dot + 1) + ": " + value + "\n";
    }

    private static int lineOf(String dotted) {
        return dotted.contains(".") ? 2 : 1;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "peak.rps                      | 1e300  | a number > 0 and <= 10000000",
                "peak.rps                      | 1e308  | a number > 0 and <= 10000000",
                "peak.rps                      | 10000001 | a number > 0 and <= 10000000",
                "peak.users                    | 1e300  | a number > 0 and <= 10000000",
                "peak.think_time_s             | 1e300  | a number > 0 and <= 3600",
                "peak.think_time_s             | 3601   | a number > 0 and <= 3600",
                "baseline_rps                  | 1e300  | a number from 0 to 10000000",
                "baseline_rps                  | 1e308  | a number from 0 to 10000000",
                "slo.mean_ms                   | 1e300  | a number > 0 and <= 86400000",
                "slo.p95_ms                    | 1e308  | a number > 0 and <= 86400000",
                "slo.p99_ms                    | 86400001 | a number > 0 and <= 86400000",
                "test_host.coremark_per_vcpu   | 1e300  | a number > 0 and <= 1000000",
                "test_host.coremark_per_vcpu   | 1e308  | a number > 0 and <= 1000000",
                "replica.cpu_cores             | 1e300  | a number > 0 and <= 192",
                "scaling.node_start_s          | 1e300  | a number from 0 to 3600",
            })
    void aNumberPastItsRangeIsRefusedWithFileLineFieldAndTheRange(String dotted, String value, String range)
            throws IOException {
        Path file = write(field(dotted, value));

        assertThatThrownBy(() -> RequestFile.read(file))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ":" + lineOf(dotted) + ": " + dotted + ": must be " + range + ", was " + value);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "peak.rps                    | 10000000",
                "baseline_rps                | 10000000",
                "peak.think_time_s           | 3600",
                "slo.p95_ms                  | 86400000",
                "test_host.coremark_per_vcpu | 1000000",
            })
    void theUpperBoundItselfIsAccepted(String dotted, String value) throws IOException {
        RequestFile.RequestFields f = RequestFile.read(write(field(dotted, value)));

        double read =
                switch (dotted) {
                    case "peak.rps" -> f.peakRps;
                    case "baseline_rps" -> f.baselineRps;
                    case "peak.think_time_s" -> f.thinkTimeSeconds;
                    case "slo.p95_ms" -> f.sloP95Ms;
                    default -> f.testHostCoremark;
                };
        assertThat(read).isEqualTo(Double.parseDouble(value));
    }

    /** Each bound alone lets 10 million users with 0.5 s of think time through: 20 million req/s. */
    @Test
    void aPeakDerivedFromUsersAndThinkTimeIsInRangeToo() throws IOException {
        Path file = write("peak:\n  users: 10000000\n  think_time_s: 0.5\n");

        assertThatThrownBy(() -> RequestFile.read(file))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ":2: peak.users: users / think_time_s is 2.000e+07 req/s;"
                        + " the peak it gives must be a number > 0 and <= 10000000");

        Path fine = write("peak:\n  users: 10000000\n  think_time_s: 1\n");
        assertThat(resolve(fine).peakRps()).isEqualTo(10_000_000);
    }

    /** The capacity can be measured without a peak; the sizer then says plans need one. */
    @Test
    void aRequestWithoutAPeakResolvesToANanPeak() throws IOException {
        SizingRequest r = resolve(write("baseline_rps: 500\nslo:\n  p95_ms: 200\n"));

        assertThat(r.peakRps()).isNaN();
        assertThat(r.baselineRps()).isEqualTo(500);
        assertThat(r.slo().p95Seconds()).isEqualTo(0.2);
    }

    @Test
    void aBaselineAboveAGivenPeakIsStillRefused() throws IOException {
        Path file = write("peak:\n  rps: 100\nbaseline_rps: 500\n");

        assertThatThrownBy(() -> resolve(file))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ": baseline_rps: 500.0 is above the peak (100.0)");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"0 | 0", "2.5 | 2.5", "10001 | 10001", "1e300 | 1e300"})
    void currentPlanNodesMustBeAWholeNumberFrom1To10000(String nodes, String shown) throws IOException {
        Path file = write("current_plan:\n  instance_type: t3.medium\n  nodes: " + nodes + "\n");

        assertThatThrownBy(() -> RequestFile.read(file))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ":3: current_plan.nodes: must be a whole number from 1 to 10000, was " + shown);
    }

    @Test
    void currentPlanNodesAreCarriedIntoTheRequest() throws IOException {
        Path file = write("peak:\n  rps: 100\ncurrent_plan:\n  instance_type: t3.medium\n  nodes: 3\n");

        SizingRequest.CurrentPlan plan = resolve(file).currentPlan().orElseThrow();

        assertThat(plan.nodes()).isEqualTo(OptionalInt.of(3));
        assertThat(plan.instanceType()).contains("t3.medium");
    }

    @Test
    void aPlanWithoutNodesHasNone() throws IOException {
        Path file = write("peak:\n  rps: 100\ncurrent_plan:\n  instance_type: t3.medium\n");

        assertThat(resolve(file).currentPlan().orElseThrow().nodes()).isEmpty();
    }

    @Test
    void aPlanFileReadsNodesAtTopLevel() throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "instance_type: t3.medium\nnodes: 4\n");
        assertThat(PlanFile.read(plan).nodes).isEqualTo(4);

        Files.writeString(plan, "instance_type: t3.medium\nnodes: 0\n");
        assertThatThrownBy(() -> PlanFile.read(plan))
                .isInstanceOf(InputException.class)
                .hasMessage(plan + ":2: nodes: must be a whole number from 1 to 10000, was 0");
    }
}
