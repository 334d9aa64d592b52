package dev.headroom.sizing.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.DaemonOverhead;
import dev.headroom.sizing.system.NodePacking.NodeRoom;
import dev.headroom.sizing.system.NodePacking.Packing;
import dev.headroom.sizing.system.NodePacking.PodShape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several services' pods with their sidecars, on nodes that run DaemonSets: a hand-worked packing. */
class NodePackingTest {
    private static final DaemonOverhead WITH_NODE_EXPORTER = DaemonOverhead.eksDefault()
            .with(new DaemonOverhead.DaemonPod("prometheus-node-exporter", 100, 30, "chart suggestion"));

    @Test
    void theRoomIsAllocatableLessEveryDaemonSet() {
        // t3.medium: 2000m - kube-reserved (6 % of the 1st core + 1 % of the 2nd = 60 + 10) = 1930m;
        // 3827 MiB seen - (11 x 17 + 255 = 442) - 100 eviction = 3285 MiB; 17 pods.
        // DaemonSets: aws-node 50m + kube-proxy 100m + node-exporter 100m/30Mi = 250m, 30 MiB, 3 pods.
        NodeRoom room = NodeRoom.of(SystemFixtures.T3_MEDIUM, WITH_NODE_EXPORTER);
        assertThat(room.cpuMillicores()).isEqualTo(1680);
        assertThat(room.memoryMib()).isEqualTo(3255);
        assertThat(room.podSlots()).isEqualTo(14);
    }

    @Test
    void podsWithSidecarsAndPlainPodsShareNodes() {
        // api: 500m + Linkerd 100m = 600m, 512 + 20 = 532 MiB; batch: 500m, 512 MiB, no sidecar.
        // First fit, biggest first: node 1 api+api (1200m, 480m left: no batch fits), node 2 the same,
        // node 3 api (1080m left) + batch + batch (80m left), node 4 batch + batch: 4 nodes.
        NodeRoom room = NodeRoom.of(SystemFixtures.T3_MEDIUM, WITH_NODE_EXPORTER);
        List<PodShape> pods = new ArrayList<>(NodePacking.copies(new PodShape("api", 600, 532), 5));
        pods.addAll(NodePacking.copies(new PodShape("batch", 500, 512), 4));
        Packing p = NodePacking.pack(room, pods);
        assertThat(p.nodeCount()).isEqualTo(4);
        assertThat(p.nodes().get(2)).extracting(PodShape::service).containsExactly("api", "batch", "batch");
        assertThat(p.complete()).isTrue();

        // Without the sidecar and the node exporter, 500m pods: 1780m / 500 = 3 a node, 9 pods on 3 nodes.
        NodeRoom bare = NodeRoom.of(SystemFixtures.T3_MEDIUM, DaemonOverhead.eksDefault());
        assertThat(NodePacking.pack(bare, NodePacking.copies(new PodShape("x", 500, 512), 9))
                        .nodeCount())
                .isEqualTo(3);
    }

    @Test
    void aPodBiggerThanANodeIsReportedNotDropped() {
        NodeRoom room = NodeRoom.of(SystemFixtures.T3_MEDIUM, WITH_NODE_EXPORTER);
        Packing p = NodePacking.pack(room, List.of(new PodShape("big", 1700, 100)));
        assertThat(p.complete()).isFalse();
        assertThat(p.unplaceable()).hasSize(1);
    }
}
