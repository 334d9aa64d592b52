package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicasForTest {
    @Test
    void roundingOfAFittedLineDoesNotBuyAReplica() {
        // 0.4 cores at the ceiling, D = 0.8 ms, U0 = 4.44e-17 cores (a least-squares fit of an exactly
        // proportional table): (0.4 - 4.44e-17) / 0.0008 = 499.99999999999994 req/s per replica;
        // 1500 req/s need 3 replicas, as with U0 = 0 (1500 / 500 = 3).
        double perReplica = (0.4 - 4.44e-17) / 0.0008;
        assertThat(perReplica).isLessThan(500);
        assertThat(PlanBuilder.replicasFor(1500, perReplica)).isEqualTo(3);
    }

    @Test
    void aRealShortfallStillBuysOne() {
        // 1500 / 499.9 = 3.0006: a fourth replica
        assertThat(PlanBuilder.replicasFor(1500, 499.9)).isEqualTo(4);
        // 1500 / 500 = 3 exactly; 1501 / 500 = 3.002 -> 4
        assertThat(PlanBuilder.replicasFor(1500, 500)).isEqualTo(3);
        assertThat(PlanBuilder.replicasFor(1501, 500)).isEqualTo(4);
    }
}
