package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WarmupEndTest {

    @Test
    void aWarmUpThatNeverSettledIsAWarningThatSaysHowFarCpuPerRequestStillMoved() {
        SizingLog log = new SizingLog();
        WarmupEnd.findings(Optional.of(new WarmupEnd("never_settled", false, 60, 0, 2.43, -0.152)), 250, log);
        assertThat(log.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.WARMUP_NOT_SETTLED);
            assertThat(f.message())
                    .contains("never_settled after 60 s")
                    .contains("moved -15 %")
                    .contains("last 2.430 ms")
                    .contains("(250.0 req/s) may be low");
        });
    }

    @Test
    void aSettledWarmUpIsNoFindingButOneThatFellBehindIs() {
        SizingLog quiet = new SizingLog();
        WarmupEnd.findings(Optional.of(new WarmupEnd("settled", true, 90, 0, 0.6, 0.02)), 800, quiet);
        WarmupEnd.findings(Optional.empty(), 800, quiet); // a staircase
        assertThat(quiet.findings()).isEmpty();

        SizingLog behind = new SizingLog();
        WarmupEnd.findings(Optional.of(new WarmupEnd("settled", true, 90, 2, 0.6, Double.NaN)), 800, behind);
        assertThat(behind.findings()).singleElement().satisfies(f -> assertThat(f.message())
                .contains("settled after 90 s")
                .contains("2 of its windows fell behind"));
    }
}
