package dev.headroom.sizing;

/**
 * How many pods an EKS node may run with the Amazon VPC CNI, from its network interfaces. The
 * catalog carries the secondary-IP figure per type ({@link InstanceType#eksMaxPods()}); these
 * formulas are what it was computed with, and what a prefix-delegation cluster needs instead.
 *
 * @see "awslabs/amazon-eks-ami, templates/al2023/runtime/max-pods-calculator.sh at a92d9fde"
 */
public final class EksMaxPods {
    /** The max-pods calculator's ceiling at up to 30 vCPUs, and above. */
    public static final int CEILING_UP_TO_30_VCPUS = 110;

    public static final int CEILING_ABOVE_30_VCPUS = 250;

    /** A prefix delegation assigns a /28, 16 addresses, where secondary-IP mode assigns one. */
    private static final int ADDRESSES_PER_PREFIX = 16;

    /**
     * The +2 is for aws-node and kube-proxy, which use the host's network and so no pod address
     * (eni-max-pods.txt header).
     */
    private static final int HOST_NETWORK_PODS = 2;

    private EksMaxPods() {}

    /** ENIs x (IPv4 per ENI - 1) + 2: each ENI's primary address is the ENI's own. As eni-max-pods.txt has it. */
    public static int secondaryIp(int enis, int ipv4PerEni) {
        requireNetwork(enis, ipv4PerEni);
        return enis * (ipv4PerEni - 1) + HOST_NETWORK_PODS;
    }

    /** ENIs x ((IPv4 per ENI - 1) x 16) + 2, capped at 110 pods up to 30 vCPUs and 250 above (Nitro, VPC CNI 1.9+). */
    public static int prefixDelegation(int enis, int ipv4PerEni, int vcpus) {
        requireNetwork(enis, ipv4PerEni);
        if (vcpus < 1) throw new IllegalArgumentException("vcpus must be >= 1, was " + vcpus);
        int uncapped = enis * ((ipv4PerEni - 1) * ADDRESSES_PER_PREFIX) + HOST_NETWORK_PODS;
        return Math.min(uncapped, vcpus > 30 ? CEILING_ABOVE_30_VCPUS : CEILING_UP_TO_30_VCPUS);
    }

    private static void requireNetwork(int enis, int ipv4PerEni) {
        if (enis < 1) throw new IllegalArgumentException("enis must be >= 1, was " + enis);
        if (ipv4PerEni < 1) throw new IllegalArgumentException("ipv4PerEni must be >= 1, was " + ipv4PerEni);
    }
}
