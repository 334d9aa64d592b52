package dev.headroom.sizing.system;

import dev.headroom.sizing.DaemonOverhead;
import dev.headroom.sizing.EksNodeCapacity;
import dev.headroom.sizing.InstanceType;
import dev.headroom.sizing.NodeAllocatable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Several services' pods on nodes of one type: first-fit decreasing over the three things a pod
 * takes from a node, its CPU request, its memory request and a max-pods slot, after the node's
 * DaemonSets have taken theirs. First-fit decreasing is within 11/9 of the fewest nodes plus one for
 * one dimension (Johnson, 1973; Dósa, 2007); the scheduler itself does no better than a greedy fit,
 * so the count is what a cluster autoscaler would reach, not a lower bound.
 */
public final class NodePacking {
    private NodePacking() {}

    /**
     * A pod's requests: the service container plus its sidecars.
     *
     * @param service which service it belongs to, for the layout
     */
    public record PodShape(String service, int cpuMillicores, int memoryMib) {
        public PodShape {
            Objects.requireNonNull(service, "service");
            if (cpuMillicores < 1 || memoryMib < 1) throw new IllegalArgumentException("a pod requests CPU and memory");
        }
    }

    /** What one node of a type leaves for application pods once its daemons run. */
    public record NodeRoom(String type, int cpuMillicores, int memoryMib, int podSlots) {
        public static NodeRoom of(InstanceType type, DaemonOverhead daemons) {
            NodeAllocatable node = EksNodeCapacity.allocatable(type);
            return new NodeRoom(
                    type.name(),
                    node.allocatableCpuMillicores() - daemons.cpuRequestMillicores(),
                    node.allocatableMemoryMib() - daemons.memoryRequestMib(),
                    node.maxPods() - daemons.podCount());
        }

        boolean holds(PodShape p) {
            return p.cpuMillicores() <= cpuMillicores && p.memoryMib() <= memoryMib && podSlots >= 1;
        }
    }

    /** The nodes used, each with the pods placed on it. */
    public record Packing(List<List<PodShape>> nodes, List<PodShape> unplaceable) {
        public int nodeCount() {
            return nodes.size();
        }

        /** The pods placed, over every node. */
        public int podCount() {
            return nodes.stream().mapToInt(List::size).sum();
        }

        public boolean complete() {
            return unplaceable.isEmpty();
        }
    }

    /** Places every pod; a pod bigger than an empty node is returned as unplaceable, never dropped. */
    public static Packing pack(NodeRoom room, List<PodShape> pods) {
        List<PodShape> sorted = new ArrayList<>(pods);
        sorted.sort(Comparator.comparingInt(PodShape::cpuMillicores)
                .thenComparingInt(PodShape::memoryMib)
                .reversed()
                .thenComparing(PodShape::service));
        List<List<PodShape>> nodes = new ArrayList<>();
        List<int[]> free = new ArrayList<>(); // cpu, memory, slots left per node
        List<PodShape> unplaceable = new ArrayList<>();
        for (PodShape p : sorted) {
            if (!room.holds(p)) {
                unplaceable.add(p);
                continue;
            }
            int at = -1;
            for (int i = 0; i < free.size() && at < 0; i++) {
                int[] f = free.get(i);
                if (p.cpuMillicores() <= f[0] && p.memoryMib() <= f[1] && f[2] >= 1) at = i;
            }
            if (at < 0) {
                nodes.add(new ArrayList<>());
                free.add(new int[] {room.cpuMillicores(), room.memoryMib(), room.podSlots()});
                at = nodes.size() - 1;
            }
            nodes.get(at).add(p);
            int[] f = free.get(at);
            f[0] -= p.cpuMillicores();
            f[1] -= p.memoryMib();
            f[2] -= 1;
        }
        return new Packing(nodes.stream().map(List::copyOf).toList(), List.copyOf(unplaceable));
    }

    /** {@code count} copies of {@code shape}. */
    public static List<PodShape> copies(PodShape shape, int count) {
        List<PodShape> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(shape);
        return out;
    }
}
