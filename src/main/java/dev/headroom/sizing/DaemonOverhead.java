package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The pods every node runs before any application pod: each takes a max-pods slot and its
 * requests from the node's allocatable resources. Clusters usually add more (EBS CSI node, Pod
 * Identity agent, log and metrics agents): add them with {@link #with}.
 */
public record DaemonOverhead(List<DaemonPod> pods) {

    /**
     * One daemon pod's requests, summed over its containers.
     *
     * @param source where the requests were read, or why they are assumed
     */
    public record DaemonPod(String name, int cpuRequestMillicores, int memoryRequestMib, String source) {
        public DaemonPod {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            if (cpuRequestMillicores < 0) {
                throw new IllegalArgumentException(name + ": cpuRequestMillicores must be >= 0");
            }
            if (memoryRequestMib < 0) throw new IllegalArgumentException(name + ": memoryRequestMib must be >= 0");
        }
    }

    /**
     * aws-node: the aws-node container and the aws-eks-nodeagent container request 25m CPU each and
     * no memory (aws/amazon-vpc-cni-k8s, config/master/aws-k8s-cni.yaml at f3efb24f, VPC CNI
     * v1.14.0, the first with the node agent).
     */
    public static final DaemonPod AWS_NODE = new DaemonPod(
            "aws-node",
            50,
            0,
            "aws/amazon-vpc-cni-k8s config/master/aws-k8s-cni.yaml at f3efb24f (v1.14.0): "
                    + "aws-node 25m + aws-eks-nodeagent 25m CPU, no memory request");

    /**
     * kube-proxy: 100m CPU and no memory. AWS ships the add-on's manifest only into the cluster; this
     * is an assumption from a published dump of an EKS kube-proxy DaemonSet (v1.28.1-minimal-eksbuild.1)
     * and aws/containers-roadmap#1509 ("no memory request or limit set"). Check yours with
     * {@code kubectl -n kube-system get ds kube-proxy -o yaml}.
     */
    public static final DaemonPod KUBE_PROXY = new DaemonPod(
            "kube-proxy",
            100,
            0,
            "assumed: 100m CPU, no memory, as seen in a dump of the EKS kube-proxy add-on DaemonSet "
                    + "(v1.28.1-minimal-eksbuild.1); not confirmed from an AWS source");

    public DaemonOverhead {
        pods = List.copyOf(pods);
    }

    /** aws-node and kube-proxy, the two host-network pods the +2 in max-pods accounts for. */
    public static DaemonOverhead eksDefault() {
        return new DaemonOverhead(List.of(AWS_NODE, KUBE_PROXY));
    }

    public DaemonOverhead with(DaemonPod pod) {
        List<DaemonPod> more = new ArrayList<>(pods);
        more.add(pod);
        return new DaemonOverhead(more);
    }

    public int podCount() {
        return pods.size();
    }

    public int cpuRequestMillicores() {
        return pods.stream().mapToInt(DaemonPod::cpuRequestMillicores).sum();
    }

    public int memoryRequestMib() {
        return pods.stream().mapToInt(DaemonPod::memoryRequestMib).sum();
    }
}
