package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.Plan;
import dev.headroom.sizing.PlanFixtures;
import dev.headroom.sizing.Platform;
import dev.headroom.sizing.SizingRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TerraformVariablesTest {

    @Test
    void anEksPlanMapsOntoTheNodeGroupTheHpaAndThePod() {
        Map<String, Object> v = TerraformVariables.of(PlanFixtures.eks().build(), PlanFixtures.request(Platform.EKS));

        assertThat(v)
                .containsExactly(
                        Map.entry("platform", "eks"),
                        Map.entry("region", "us-east-1"),
                        Map.entry("availability_zones", 3),
                        Map.entry("survive", "zone"),
                        Map.entry("replicas_min", 3),
                        Map.entry("replicas_for_peak", 9),
                        Map.entry("replicas_max", 12),
                        Map.entry("cpu_target_utilization_percent", 70),
                        Map.entry("pool_size", 8),
                        Map.entry("db_instance_class", "db.t4g.medium"),
                        Map.entry("db_max_connections", 341),
                        Map.entry("db_reserved_connections", 5),
                        Map.entry("node_instance_type", "m7g.large"),
                        Map.entry("node_min_size", 2),
                        Map.entry("node_max_size", 5),
                        Map.entry("node_desired_size", 2),
                        Map.entry("pod_cpu_request_millicores", 500),
                        Map.entry("pod_memory_request_mib", 768));
    }

    @ParameterizedTest
    @CsvSource({"NONE, none", "NODE, node", "ZONE, zone"})
    void theFailureToSurviveIsWrittenAsTheModuleSpellsIt(SizingRequest.FailureDomain survive, String written) {
        Map<String, Object> v =
                TerraformVariables.of(PlanFixtures.eks().build(), PlanFixtures.request(Platform.EKS, survive));

        assertThat(v).containsEntry("survive", written);
    }

    /**
     * The peak's replicas without the spare, on every platform, even where the bounds take the
     * larger of the replica and instance counts: on EC2 the fixture's instances at the peak (6)
     * carry a spare its replicas at the peak (5) do not.
     */
    @ParameterizedTest
    @CsvSource({"EKS, 9", "EC2_ASG, 5", "ECS_FARGATE, 5"})
    void theReplicasForThePeakAreThePlansWithoutTheSpare(Platform platform, int forPeak) {
        Map<String, Object> v =
                TerraformVariables.of(PlanFixtures.of(platform).build(), PlanFixtures.request(platform));

        assertThat(v).containsEntry("replicas_for_peak", forPeak);
    }

    @Test
    void onEc2EachBoundIsTheLargerOfTheReplicaAndInstanceCounts() {
        // The fixture's node counts carry a spare instance (max 7) that its replica counts (max 6) do not.
        Map<String, Object> v =
                TerraformVariables.of(PlanFixtures.ec2().cpuCores(1.5).build(), PlanFixtures.request(Platform.EC2_ASG));

        assertThat(v)
                .containsEntry("replicas_min", 2)
                .containsEntry("replicas_max", 7)
                .containsEntry("instance_type", "c7g.large")
                .containsEntry("asg_min_size", 2)
                .containsEntry("asg_max_size", 7)
                .containsEntry("asg_desired_capacity", 2)
                // A 1.5-CPU quota is 2 processors to the JVM: ceil(quota / period).
                .containsEntry("jvm_active_processor_count", 2)
                .doesNotContainKeys("node_instance_type", "task_cpu_units", "pod_cpu_request_millicores");
    }

    @Test
    void aFargateTaskGetsItsCpuInUnitsAndItsMemoryRoundedUpToAFargateSize() {
        Map<String, Object> v =
                TerraformVariables.of(PlanFixtures.fargate().build(), PlanFixtures.request(Platform.ECS_FARGATE));

        assertThat(v)
                .containsEntry("task_cpu_units", 512)
                // 700 MiB measured; 512 CPU units allow 1024, 2048, 3072 or 4096 MiB.
                .containsEntry("task_memory_mib", 1024)
                .containsEntry("service_min_count", 2)
                .containsEntry("service_max_count", 6)
                .doesNotContainKeys("instance_type", "node_instance_type");
    }

    @ParameterizedTest
    @CsvSource({"0.25, 512, 512", "0.5, 1024, 1024", "0.5, 1025, 2048", "1, 100, 2048", "8, 17000, 20480"})
    void fargateMemoryIsTheSmallestSizeThatHoldsTheReplica(double vcpu, double memoryMib, int expectedMib) {
        Plan plan = PlanFixtures.fargate().cpuCores(vcpu).memoryMib(memoryMib).build();

        assertThat(TerraformVariables.of(plan, PlanFixtures.request(Platform.ECS_FARGATE)))
                .containsEntry("task_memory_mib", expectedMib);
    }

    @Test
    void aCpuOrMemoryFargateCannotRunIsRejectedNotRounded() {
        SizingRequest request = PlanFixtures.request(Platform.ECS_FARGATE);
        assertThatThrownBy(() -> TerraformVariables.of(
                        PlanFixtures.fargate().cpuCores(0.3).build(), request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.3 vCPU");
        assertThatThrownBy(() -> TerraformVariables.of(
                        PlanFixtures.fargate().memoryMib(5000).build(), request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5000");
    }

    @ParameterizedTest
    @CsvSource({"0.7, 70", "0.29, 29", "0.655, 65", "1.0, 100", "0.01, 1"})
    void theCpuTargetIsRoundedDownToAWholePercent(double utilization, int percent) {
        Plan plan = PlanFixtures.eks().cpuTarget(utilization).build();

        assertThat(TerraformVariables.of(plan, PlanFixtures.request(Platform.EKS)))
                .containsEntry("cpu_target_utilization_percent", percent);
    }

    @Test
    void aPodNeverGetsLessCpuThanItWasSizedFor() {
        Plan plan = PlanFixtures.eks().cpuCores(1.0 / 3).build();

        assertThat(TerraformVariables.of(plan, PlanFixtures.request(Platform.EKS)))
                .containsEntry("pod_cpu_request_millicores", 334);
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void whatThePlanLacksIsLeftOutSoTheModuleDefaultApplies(Platform platform) {
        Plan plan = PlanFixtures.of(platform)
                .memoryMib(Double.NaN)
                .poolSize(0)
                .db("", 0)
                .build();

        Map<String, Object> v = TerraformVariables.of(plan, PlanFixtures.request(platform));

        assertThat(v)
                .doesNotContainKeys(
                        "pool_size",
                        "db_instance_class",
                        "db_max_connections",
                        "pod_memory_request_mib",
                        "task_memory_mib")
                .doesNotContainValue(null);
    }

    @Test
    void theVariablesCannotBeChangedAfterwards() {
        Map<String, Object> v = TerraformVariables.of(PlanFixtures.eks().build(), PlanFixtures.request(Platform.EKS));

        assertThatThrownBy(() -> v.put("replicas_max", 99)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anInfeasiblePlanHasNothingToDeploy() {
        Plan plan =
                PlanFixtures.eks().violation("DB_CONNECTION_BUDGET_EXCEEDED").build();

        assertThatThrownBy(() -> TerraformVariables.of(plan, PlanFixtures.request(Platform.EKS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("infeasible");
    }

    @Test
    void aPlanForAnotherPlatformThanTheRequestIsRejected() {
        assertThatThrownBy(
                        () -> TerraformVariables.of(PlanFixtures.eks().build(), PlanFixtures.request(Platform.EC2_ASG)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eks");
    }

    @Test
    void countsThatAwsWouldRefuseAreRejectedHere() {
        SizingRequest request = PlanFixtures.request(Platform.EKS);
        assertThatThrownBy(() -> TerraformVariables.of(
                        PlanFixtures.eks().replicas(13, 9, 12).build(), request))
                .hasMessageContaining("replicas");
        assertThatThrownBy(() ->
                        TerraformVariables.of(PlanFixtures.eks().nodes(2, 6, 5).build(), request))
                .hasMessageContaining("nodes");
        assertThatThrownBy(() -> TerraformVariables.of(
                        PlanFixtures.eks().cpuCores(Double.NaN).build(), request))
                .hasMessageContaining("CPU");
        assertThatThrownBy(() -> TerraformVariables.of(
                        PlanFixtures.eks().replicas(3, 0, 12).build(), request))
                .hasMessageContaining("replicas for the peak");
    }
}
