package dev.headroom.sizing;

/**
 * Extra replicas a rolling update runs beside the old ones, each with a full pool: the default
 * of each platform, since that is what a user gets without setting it.
 */
public final class Rollout {
    private Rollout() {}

    /**
     * Kubernetes Deployment: maxSurge defaults to 25 %, "calculated from the percentage by rounding
     * up" (kubernetes.io, Deployments, "Max Surge"). Amazon ECS: deploymentConfiguration
     * maximumPercent defaults to 200 % for rolling updates (Amazon ECS Developer Guide, "Deployment
     * configuration"), a full second set of tasks. EC2 Auto Scaling instance refresh replaces
     * instances in place (terminate, then launch) by default, so no surge.
     */
    public static int surgeReplicas(Platform platform, int replicas) {
        return switch (platform) {
            case EKS -> (int) Math.ceil(replicas * 0.25);
            case ECS_FARGATE -> replicas;
            case EC2_ASG -> 0;
        };
    }
}
