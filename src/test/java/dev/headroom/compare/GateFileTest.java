package dev.headroom.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.input.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateFileTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("gate.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void theShippedNightlyGateReadsAsItsCommentsSay() {
        Gate g = GateFile.read(Path.of("scenarios", "gates", "nightly.yaml"));
        assertThat(g.limits())
                .containsEntry(Figure.CAPACITY_AT_SLO, 0.10)
                .containsEntry(Figure.P95_AT_REFERENCE, 0.20)
                .containsEntry(Figure.CPU_PER_REQUEST, 0.15)
                .containsEntry(Figure.CONNECTION_HOLD, 0.25);
        assertThat(g.failOnNewErrorFindings()).isTrue();
        assertThat(g.failOnRecommendationChange()).isFalse();
        assertThat(g.confidence()).isEqualTo(0.95);
        assertThat(g.referenceLoad()).isNaN();
    }

    @Test
    void theFileReplacesTheDefaultsWhole() throws Exception {
        Gate g = GateFile.read(file("max_rise_pct:\n  cpu_ms_per_request: 5\nreference_load: 300\n"
                + "recommendation_change: fail\nconfidence: 0.99\n"));
        assertThat(g.limits()).containsOnlyKeys(Figure.CPU_PER_REQUEST);
        assertThat(g.limits().get(Figure.CPU_PER_REQUEST)).isCloseTo(0.05, within(1e-12));
        assertThat(g.referenceLoad()).isEqualTo(300);
        assertThat(g.failOnRecommendationChange()).isTrue();
        assertThat(g.confidence()).isEqualTo(0.99);
    }

    @Test
    void everyProblemIsReportedWithItsLineAndField() throws Exception {
        Path f = file(
                "confidence: 2\n" // line 1
                        + "max_drop_pct:\n" // 2
                        + "  p95_ms: 10\n" // 3: lower is better, belongs under max_rise_pct
                        + "  capacity: 10\n" // 4: no such figure
                        + "max_rise_pct:\n" // 5
                        + "  cpu_ms_per_request: lots\n" // 6
                        + "new_error_findings: maybe\n" // 7
                        + "gate: strict\n"); // 8
        assertThatThrownBy(() -> GateFile.read(f))
                .isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).problems())
                        .anyMatch(p -> p.startsWith(f + ":1: confidence:"))
                        .anyMatch(p -> p.startsWith(f + ":3: max_drop_pct.p95_ms:") && p.contains("max_rise_pct"))
                        .anyMatch(p ->
                                p.startsWith(f + ":4: max_drop_pct.capacity:") && p.contains("capacity_at_slo_rps"))
                        .anyMatch(p -> p.startsWith(f + ":6: max_rise_pct.cpu_ms_per_request:"))
                        .anyMatch(p -> p.startsWith(f + ":7: new_error_findings:") && p.contains("fail or report"))
                        .anyMatch(p -> p.startsWith(f + ":8: gate:") && p.contains("unknown field")));
    }
}
