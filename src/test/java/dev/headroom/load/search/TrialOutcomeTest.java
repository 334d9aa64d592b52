package dev.headroom.load.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.metrics.StepFixtures;
import dev.headroom.metrics.StepResult;
import dev.headroom.metrics.Validity;
import dev.headroom.scenario.LoadModel;
import dev.headroom.scenario.SearchPhase;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialOutcomeTest {
    private static final Trial TRIAL = new Trial(3, SearchPhase.BISECT, 400, 10);

    private static StepResult step(int n, double throughput, boolean sloMet, Validity validity) {
        return new StepResult(
                n,
                LoadModel.OPEN,
                400,
                2,
                Instant.EPOCH,
                Instant.EPOCH.plusSeconds(10),
                StepFixtures.endpointStats(400, throughput),
                Map.of(),
                StepFixtures.serverFigures(0.3, 1),
                sloMet,
                validity);
    }

    @Test
    void keptUpMeansNinetyFivePercentOfTheOfferedRate() {
        // 95 % of 400 req/s is 380
        assertThat(TrialOutcome.of(TRIAL, step(3, 380, true, Validity.VALID)).passed())
                .isTrue();
        TrialOutcome behind = TrialOutcome.of(TRIAL, step(3, 379, true, Validity.VALID));
        assertThat(behind.keptUp()).isFalse();
        assertThat(behind.passed()).isFalse();
    }

    @Test
    void theSloAndTheLabsValidityCarryOver() {
        assertThat(TrialOutcome.of(TRIAL, step(3, 400, false, Validity.VALID)).passed())
                .isFalse();
        TrialOutcome host = TrialOutcome.of(TRIAL, step(3, 400, true, Validity.invalid("host idle 0.05 cores")));
        assertThat(host.valid()).isFalse();
        assertThat(host.invalidReason()).isEqualTo("host idle 0.05 cores");
        // the fixture's p95 is 7 ms
        assertThat(host.latencyP95S()).isEqualTo(0.007);
    }

    @Test
    void aStepOfAnotherTrialIsRefused() {
        assertThatThrownBy(() -> TrialOutcome.of(TRIAL, step(4, 400, true, Validity.VALID)))
                .hasMessageContaining("not trial 3");
    }
}
