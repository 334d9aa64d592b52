package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.Plan;
import dev.headroom.sizing.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void replicasSayWhenTheMinimumRunsMoreThanThePeakNeeds() {
        // The 2026-12-05 quick run: 3 replicas carry the peak, two per node, and surviving a node's
        // loss keeps 2 + 2 = 4 running: the min, 1 more than the peak's count.
        assertThat(Summary.replicas(plan(4, 3, 4))).isEqualTo("min 4, peak 3 (the min keeps 1 more running), max 4");
        // ReportFixtures' plans: min 2 below the peak's 7, nothing to explain
        assertThat(Summary.replicas(ReportFixtures.plans().get(0))).isEqualTo("min 2, peak 7, max 9");
    }

    private static Plan plan(int min, int forPeak, int max) {
        return Plan.builder()
                .platform(Platform.EKS)
                .capacityType("t3a.small")
                .replicaCpuCores(0.5)
                .replicaMemoryMib(704)
                .replicasPerNode(2)
                .replicasPerNodeLimitedBy("memory")
                .minReplicas(min)
                .replicasForPeak(forPeak)
                .maxReplicas(max)
                .nodesMin(2)
                .nodesForPeak(2)
                .nodesMax(2)
                .cpuTargetUtilization(0.69)
                .poolSize(4)
                .dbClass("db.t3.micro")
                .dbMaxConnections(66)
                .connectionsNeeded(30)
                .sustainedUtilization(0.3)
                .cost(new Plan.Cost(27.4, 0, Double.NaN, 0))
                .violations(List.of())
                .reasons(Plan.Reasons.NONE)
                .build();
    }
}
