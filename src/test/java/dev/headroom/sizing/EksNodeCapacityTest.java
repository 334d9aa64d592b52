package dev.headroom.sizing;

import static dev.headroom.sizing.InstanceFixtures.M5_LARGE;
import static dev.headroom.sizing.InstanceFixtures.T3_MICRO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.DaemonOverhead.DaemonPod;
import dev.headroom.sizing.PodsPerNode.Limit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EksNodeCapacityTest {

    /** awslabs/amazon-eks-ami nodeadm/internal/kubelet/config_test.go at 221f45da: maxPods 100 gives "1355Mi". */
    @Test
    void kubeReservedMemoryIsElevenMibPerPodPlus255() {
        assertThat(EksNodeCapacity.kubeReservedMemoryMib(100)).isEqualTo(1355);
        assertThat(EksNodeCapacity.kubeReservedMemoryMib(29)).isEqualTo(11 * 29 + 255);
    }

    /**
     * The AMI's ranges (6% of the first core, 1% of the second, 0.5% of the third and fourth, 0.25%
     * above four), worked by hand: 2 vCPU = 60 + 10, 8 vCPU = 60 + 10 + 10 + 10.
     */
    @ParameterizedTest
    @CsvSource({"1, 60", "2, 70", "3, 75", "4, 80", "8, 90", "16, 110", "96, 310"})
    void kubeReservedCpuFollowsTheAmisRanges(int vcpus, int millicores) {
        assertThat(EksNodeCapacity.kubeReservedCpuMillicores(vcpus)).isEqualTo(millicores);
    }

    @Test
    void allocatableIsCapacityLessKubeReservedAndTheEvictionThreshold() {
        NodeAllocatable node = EksNodeCapacity.allocatable(M5_LARGE);

        assertThat(node.capacityCpuMillicores()).isEqualTo(2000);
        assertThat(node.allocatableCpuMillicores()).isEqualTo(2000 - 70);
        assertThat(node.capacityMemoryMib()).isEqualTo(7811); // what the OS saw, not 8192
        assertThat(node.kubeReservedMemoryMib()).isEqualTo(574);
        assertThat(node.allocatableMemoryMib()).isEqualTo(7811 - 574 - 100);
        assertThat(node.maxPods()).isEqualTo(29);
    }

    @Test
    void theDaemonsTakePodSlotsCpuAndMemoryBeforeTheApplication() {
        DaemonOverhead daemons = DaemonOverhead.eksDefault();
        assertThat(daemons.podCount()).isEqualTo(2);
        assertThat(daemons.cpuRequestMillicores()).isEqualTo(150);
        assertThat(daemons.memoryRequestMib()).isZero();

        // 29 max pods - 2 daemons = 27 slots; (1930 - 150) / 50 = 35 by CPU; 7137 / 64 = 111 by memory
        PodsPerNode tiny = EksNodeCapacity.podsPerNode(M5_LARGE, 0.05, 64, daemons);
        assertThat(tiny.pods()).isEqualTo(27);
        assertThat(tiny.limitedBy()).isEqualTo(Limit.MAX_PODS);
        assertThat(tiny.limitedBy().key()).isEqualTo("max_pods");
        assertThat(tiny.byCpu()).isEqualTo(35);
        assertThat(tiny.byMemory()).isEqualTo(111);
    }

    @Test
    void namesTheResourceThatRunsOutFirst() {
        DaemonOverhead daemons = DaemonOverhead.eksDefault();

        PodsPerNode cpuBound = EksNodeCapacity.podsPerNode(M5_LARGE, 0.5, 512, daemons);
        assertThat(cpuBound.pods()).isEqualTo(1780 / 500);
        assertThat(cpuBound.limitedBy()).isEqualTo(Limit.CPU);

        PodsPerNode memoryBound = EksNodeCapacity.podsPerNode(M5_LARGE, 0.25, 2048, daemons);
        assertThat(memoryBound.pods()).isEqualTo(7137 / 2048);
        assertThat(memoryBound.limitedBy()).isEqualTo(Limit.MEMORY);
    }

    @Test
    void aPodThatDoesNotFitGivesZeroAndSaysWhy() {
        // t3.micro: 904 - (11 x 4 + 255) - 100 = 505 MiB allocatable
        PodsPerNode none = EksNodeCapacity.podsPerNode(T3_MICRO, 0.25, 768, DaemonOverhead.eksDefault());

        assertThat(none.node().allocatableMemoryMib()).isEqualTo(505);
        assertThat(none.pods()).isZero();
        assertThat(none.limitedBy()).isEqualTo(Limit.MEMORY);
    }

    @Test
    void extraDaemonsComeOffEveryResource() {
        DaemonOverhead more = DaemonOverhead.eksDefault().with(new DaemonPod("ebs-csi-node", 30, 120, "assumed"));

        PodsPerNode tiny = EksNodeCapacity.podsPerNode(M5_LARGE, 0.05, 64, more);

        assertThat(tiny.byMaxPods()).isEqualTo(26);
        assertThat(tiny.byCpu()).isEqualTo((1930 - 180) / 50);
        assertThat(tiny.byMemory()).isEqualTo((7137 - 120) / 64);
    }

    @Test
    void aPodRequestMustBePositive() {
        DaemonOverhead daemons = DaemonOverhead.eksDefault();
        assertThatThrownBy(() -> EksNodeCapacity.podsPerNode(M5_LARGE, 0, 64, daemons))
                .hasMessageContaining("podCpuCores must be at least 0.001");
        assertThatThrownBy(() -> EksNodeCapacity.podsPerNode(M5_LARGE, 0.1, 0, daemons))
                .hasMessageContaining("podMemoryMib must be >= 1");
    }
}
