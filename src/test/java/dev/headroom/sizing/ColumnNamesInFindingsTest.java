package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.metrics.StepsCsv;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model depends on nothing, so it spells the few steps.csv columns its findings name itself;
 * this holds them to {@link StepsCsv}, the names' owner, so that a renamed column cannot leave a
 * finding telling the user to add a column that no longer exists.
 */
class ColumnNamesInFindingsTest {
    @Test
    void theColumnsAFindingSaysWereNotMeasuredAreStepsCsvColumns() {
        // p95 only: no error ratio (which the SLO names), no service or database CPU
        List<MeasuredStep> steps =
                List.of(Steps.p95Only(1, 10, 100, 20), Steps.p95Only(2, 20, 200, 20), Steps.p95Only(3, 30, 290, 30));
        Sizing s = SizerTest.SIZER.size(steps, SizerTest.BED, SizerTest.ec2(1000, List.of("m6i.large")));
        List<String> notMeasured = s.findings().stream()
                .filter(f -> f.code() == FindingCode.INPUT_NOT_MEASURED)
                .map(Finding::message)
                .toList();
        assertThat(notMeasured).anySatisfy(m -> assertThat(m).endsWith("left out of it: " + StepsCsv.ERROR_RATIO));
        assertThat(notMeasured).anySatisfy(m -> assertThat(m).startsWith(StepsCsv.APP_CPU_CORES + " not measured"));
        assertThat(notMeasured).anySatisfy(m -> assertThat(m).startsWith(StepsCsv.DB_CPU_CORES + " not measured"));
    }
}
