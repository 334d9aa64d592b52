package dev.headroom.sizing;

/**
 * What an EKS node built from the EKS-optimized AMI leaves for pods, and how many pods of a given
 * size fit. The kubelet settings are those the AMI writes:
 *
 * <ul>
 *   <li>kube-reserved memory = 11 MiB x max-pods + 255 MiB;
 *   <li>kube-reserved CPU = 6% of the first core + 1% of the second + 0.5% of the third and fourth
 *       + 0.25% of every core above four (GKE's ranges, as the source says);
 *   <li>eviction-hard memory.available = 100Mi; no system-reserved.
 * </ul>
 *
 * @see "awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go at 01375496 (AL2023:
 *     getCPUMillicoresToReserve, GetMemoryMebibytesToReserve, defaultKubeletSubConfig evictionHard)"
 * @see "awslabs/amazon-eks-ami files/bootstrap.sh at 0158a1ea (AL2: get_cpu_millicores_to_reserve,
 *     get_memory_mebibytes_to_reserve), the same figures"
 */
public final class EksNodeCapacity {
    public static final int EVICTION_HARD_MEMORY_MIB = 100;

    private static final int KUBE_RESERVED_MIB_PER_POD = 11;
    private static final int KUBE_RESERVED_BASE_MIB = 255;

    /** Range bounds in millicores and the share reserved in each, in hundredths of a percent, as in the AMI. */
    private static final int[] CPU_RANGE_BOUNDS_MILLICORES = {0, 1000, 2000, 4000};

    private static final int[] CPU_RESERVED_BASIS_POINTS = {600, 100, 50, 25};

    private EksNodeCapacity() {}

    /** Integer arithmetic range by range, truncating each, as the AMI's shell and Go code do. */
    public static int kubeReservedCpuMillicores(int vcpus) {
        if (vcpus < 1) throw new IllegalArgumentException("vcpus must be >= 1, was " + vcpus);
        int total = vcpus * 1000;
        int reserved = 0;
        for (int i = 0; i < CPU_RESERVED_BASIS_POINTS.length; i++) {
            int start = CPU_RANGE_BOUNDS_MILLICORES[i];
            int end = i + 1 < CPU_RANGE_BOUNDS_MILLICORES.length ? CPU_RANGE_BOUNDS_MILLICORES[i + 1] : total;
            if (total > start) reserved += (Math.min(total, end) - start) * CPU_RESERVED_BASIS_POINTS[i] / 10_000;
        }
        return reserved;
    }

    /** Scales with pod density, not with the node's memory: the kubelet's own use grows per pod. */
    public static int kubeReservedMemoryMib(int maxPods) {
        if (maxPods < 1) throw new IllegalArgumentException("maxPods must be >= 1, was " + maxPods);
        return KUBE_RESERVED_MIB_PER_POD * maxPods + KUBE_RESERVED_BASE_MIB;
    }

    /**
     * The node's allocatable resources in secondary-IP mode. Memory capacity is the memory the
     * operating system saw on a running instance, as the kubelet reports it, not the nominal GiB.
     */
    public static NodeAllocatable allocatable(InstanceType type) {
        return new NodeAllocatable(
                type.name(),
                type.eksMaxPods(),
                type.vcpus() * 1000,
                type.measuredMemoryMib(),
                kubeReservedCpuMillicores(type.vcpus()),
                kubeReservedMemoryMib(type.eksMaxPods()),
                EVICTION_HARD_MEMORY_MIB);
    }

    /**
     * Application pods of one request size that fit after the daemons, and what limits them.
     * Max-pods counts daemon pods too, so they come off the pod slots as well as off CPU and memory.
     * When two resources give the same count, CPU is named before memory before max_pods.
     *
     * @param podCpuCores the pod's CPU request in cores (0.5 for 500m)
     * @param podMemoryMib the pod's memory request in MiB
     */
    public static PodsPerNode podsPerNode(
            InstanceType type, double podCpuCores, int podMemoryMib, DaemonOverhead daemons) {
        long podCpuMillicores = Math.round(podCpuCores * 1000);
        if (!(podCpuCores > 0) || Double.isInfinite(podCpuCores) || podCpuMillicores < 1) {
            throw new IllegalArgumentException("podCpuCores must be at least 0.001 (1m), was " + podCpuCores);
        }
        if (podMemoryMib < 1) throw new IllegalArgumentException("podMemoryMib must be >= 1, was " + podMemoryMib);
        NodeAllocatable node = allocatable(type);
        int byCpu = (int)
                (Math.max(0, node.allocatableCpuMillicores() - daemons.cpuRequestMillicores()) / podCpuMillicores);
        int byMemory = Math.max(0, node.allocatableMemoryMib() - daemons.memoryRequestMib()) / podMemoryMib;
        int byMaxPods = Math.max(0, node.maxPods() - daemons.podCount());
        PodsPerNode.Limit limit = PodsPerNode.Limit.CPU;
        int pods = byCpu;
        if (byMemory < pods) {
            limit = PodsPerNode.Limit.MEMORY;
            pods = byMemory;
        }
        if (byMaxPods < pods) {
            limit = PodsPerNode.Limit.MAX_PODS;
            pods = byMaxPods;
        }
        return new PodsPerNode(pods, limit, byCpu, byMemory, byMaxPods, node);
    }

    /**
     * Nodes for {@code pods} packed onto {@code packedNodes}, in a node group over {@code zones}
     * zones' subnets: never fewer than one per zone once there are that many pods, since a group has
     * a node in every zone only with at least as many nodes (AWS, EKS Best Practices, "EKS Data
     * Plane": "Spread worker nodes and workloads across multiple AZs ... by running worker nodes and
     * Pods in multiple AZs"). One service's plans (PlanBuilder) and a system's node groups both use it.
     */
    public static int nodesOverZones(int packedNodes, int pods, int zones) {
        return Math.max(Math.min(zones, pods), Math.max(1, packedNodes));
    }
}
