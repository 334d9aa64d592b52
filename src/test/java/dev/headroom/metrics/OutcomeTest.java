package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void aFailureIsClassifiedByStatusOrByHowLongItWaited() {
        assertThat(Outcome.ofFailure(503, 0.2, 10)).isEqualTo(Outcome.HTTP_5XX);
        assertThat(Outcome.ofFailure(422, 0.2, 10)).isEqualTo(Outcome.HTTP_4XX);
        assertThat(Outcome.ofFailure(200, 0.2, 10)).isEqualTo(Outcome.BAD_RESPONSE); // failed a body check
        assertThat(Outcome.ofFailure(null, 10.0, 10)).isEqualTo(Outcome.TIMEOUT);
        assertThat(Outcome.ofFailure(null, 0.01, 10)).isEqualTo(Outcome.CONNECTION);
    }
}
