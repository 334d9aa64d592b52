package dev.headroom.sizing;

/**
 * What the sidecar containers of one replica request, in all: a mesh proxy, a log agent. On ECS
 * Fargate they share the task's CPU and memory with the service, so the task is sized for both and
 * the service's own share is what is left; on EKS each container has its own request, so the pod's
 * node placement counts them and the service container's is unchanged.
 *
 * @param cpuCores the sidecars' CPU per replica, in vCPU
 * @param memoryMib their memory per replica
 */
public record SidecarRequests(double cpuCores, int memoryMib) {
    public static final SidecarRequests NONE = new SidecarRequests(0, 0);

    public SidecarRequests {
        if (!(cpuCores >= 0) || Double.isInfinite(cpuCores))
            throw new IllegalArgumentException("sidecar CPU must be >= 0, was " + cpuCores);
        if (memoryMib < 0) throw new IllegalArgumentException("sidecar memory must be >= 0, was " + memoryMib);
    }

    /**
     * The smallest valid Fargate task holding a service of {@code serviceCores} and
     * {@code serviceMemoryMib} with these sidecars. A slack of 1e-9 vCPU absorbs the rounding of a
     * share computed as task - sidecars and added back (valid sizes are 0.25 vCPU apart or more).
     */
    public java.util.Optional<FargateTaskSize> task(double serviceCores, int serviceMemoryMib) {
        return FargateTaskSizes.smallestFitting(
                Math.max(1e-6, serviceCores + cpuCores - 1e-9), serviceMemoryMib + memoryMib);
    }

    /** The service's CPU in {@code task}: all of it but what the sidecars request. */
    public double serviceCoresIn(FargateTaskSize task) {
        return task.vcpus() - cpuCores;
    }

    public static SidecarRequests ofMillicores(int cpuMillicores, int memoryMib) {
        return new SidecarRequests(cpuMillicores / 1000.0, memoryMib);
    }
}
