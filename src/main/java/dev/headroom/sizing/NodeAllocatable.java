package dev.headroom.sizing;

/**
 * An EKS worker node's CPU and memory as the scheduler sees them: Allocatable = Capacity -
 * kube-reserved - eviction threshold (the EKS AMI sets no system-reserved). Pod requests are
 * packed against the allocatable figures, never against the instance's nominal size.
 *
 * @param instanceType the EC2 type of the node
 * @param maxPods the kubelet's max-pods, which counts every pod on the node, daemons included
 * @param capacityCpuMillicores vCPUs x 1000
 * @param capacityMemoryMib memory the kernel reports, below nominal
 */
public record NodeAllocatable(
        String instanceType,
        int maxPods,
        int capacityCpuMillicores,
        int capacityMemoryMib,
        int kubeReservedCpuMillicores,
        int kubeReservedMemoryMib,
        int evictionHardMemoryMib) {

    public NodeAllocatable {
        if (maxPods < 1) throw new IllegalArgumentException("maxPods must be >= 1, was " + maxPods);
        if (kubeReservedCpuMillicores < 0 || kubeReservedCpuMillicores > capacityCpuMillicores) {
            throw new IllegalArgumentException(instanceType + ": kube-reserved CPU " + kubeReservedCpuMillicores
                    + "m must be within the capacity " + capacityCpuMillicores + "m");
        }
        if (kubeReservedMemoryMib < 0
                || evictionHardMemoryMib < 0
                || kubeReservedMemoryMib + evictionHardMemoryMib > capacityMemoryMib) {
            throw new IllegalArgumentException(instanceType + ": kube-reserved " + kubeReservedMemoryMib
                    + " MiB and eviction threshold " + evictionHardMemoryMib + " MiB exceed the capacity "
                    + capacityMemoryMib + " MiB");
        }
    }

    public int allocatableCpuMillicores() {
        return capacityCpuMillicores - kubeReservedCpuMillicores;
    }

    public int allocatableMemoryMib() {
        return capacityMemoryMib - kubeReservedMemoryMib - evictionHardMemoryMib;
    }
}
