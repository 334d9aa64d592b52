package dev.headroom.sizing.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.metrics.StepsCsv;
import dev.headroom.sizing.FindingCode;
import dev.headroom.sizing.MeasuredStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadShareTest {

    /** A step of {@code rps} with the database's read and write time in ms per second (NaN: not measured). */
    private static MeasuredStep step(int n, double rps, double readMsPerS, double writeMsPerS) {
        return MeasuredStep.builder(n)
                .concurrency(n)
                .throughputRps(rps)
                .dbReadSecondsPerSecond(readMsPerS / 1000)
                .dbWriteSecondsPerSecond(writeMsPerS / 1000)
                .build();
    }

    @Test
    void theMeasuredShareIsTakenAtTheBusiestValidStepAndWinsOverTheDeclaredOne() {
        List<MeasuredStep> steps = List.of(
                step(1, 100, 90, 10),
                step(2, 200, 150, 50),
                // the busiest step, but the injector limited it: not the service's mix
                MeasuredStep.builder(3)
                        .concurrency(3)
                        .throughputRps(290)
                        .dbReadSecondsPerSecond(0.010)
                        .dbWriteSecondsPerSecond(0.290)
                        .invalid("host CPU saturated")
                        .build());
        ReadShare share = ReadShare.of("orders", steps, 0.9);
        // step 2: 150 / (150 + 50) = 0.75
        assertThat(share.share()).isCloseTo(0.75, within(1e-12));
        assertThat(share.step()).isEqualTo(2);
        assertThat(share.basis()).isEqualTo("measured (steps.csv db_read_ms_per_s, db_write_ms_per_s at step 2)");
        // declared 90 %, measured 75 %: 15 points apart, more than 10, so a finding says so
        assertThat(share.finding()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.READ_SHARE_DECLARED_DIFFERS);
            assertThat(f.message()).contains("read_share_pct 90 % is declared", "measured 75 %", "step 2");
        });
    }

    @Test
    void aDeclaredShareWithinTenPointsOfTheMeasuredOneIsNotRemarked() {
        // 80 / (80 + 20) = 0.80 measured; declared 0.71 is 9 points off
        ReadShare share = ReadShare.of("orders", List.of(step(1, 100, 40, 10), step(2, 200, 80, 20)), 0.71);
        assertThat(share.share()).isCloseTo(0.80, within(1e-12));
        assertThat(share.finding()).isEmpty();
    }

    @Test
    void withoutTheColumnsTheDeclaredShareIsUsedAndLabelledDeclared() {
        List<MeasuredStep> unmeasured =
                List.of(step(1, 100, Double.NaN, Double.NaN), step(2, 200, Double.NaN, Double.NaN));
        ReadShare declared = ReadShare.of("orders", unmeasured, 0.6);
        assertThat(declared.share()).isEqualTo(0.6);
        assertThat(declared.basis()).isEqualTo("60 % declared in the system file (not measured)");
        assertThat(declared.step()).isZero();
        assertThat(declared.finding()).isEmpty();

        ReadShare none = ReadShare.of("orders", unmeasured, Double.NaN);
        assertThat(none.share()).isNaN();
        assertThat(none.basis()).isEqualTo(ReadShare.NOT_DECLARED);
    }

    @Test
    void aStepWithNoDatabaseTimeAtAllSaysNothingAboutTheMix() {
        // 0 / (0 + 0) is no share: the declared one stands
        ReadShare share = ReadShare.of("orders", List.of(step(1, 100, 0, 0), step(2, 200, 0, 0)), 0.5);
        assertThat(share.share()).isEqualTo(0.5);
        assertThat(share.basis()).contains("declared");
    }

    @Test
    void theColumnsItNamesAreStepsCsvColumns() {
        assertThat(ReadShare.READ_COLUMN).isEqualTo(StepsCsv.DB_READ_MS_PER_S);
        assertThat(ReadShare.WRITE_COLUMN).isEqualTo(StepsCsv.DB_WRITE_MS_PER_S);
    }
}
