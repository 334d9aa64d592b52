package dev.headroom.sizing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where the service will run; each sizes a replica and its scaling differently. */
public enum Platform {
    /** Pods on an EKS managed node group, scaled by a HorizontalPodAutoscaler. */
    EKS("eks"),
    /** One service JVM per EC2 instance in an Auto Scaling group behind a load balancer. */
    EC2_ASG("ec2-asg"),
    /** ECS tasks on Fargate, scaled by Application Auto Scaling target tracking. */
    ECS_FARGATE("ecs-fargate");

    private final String key;

    Platform(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<Platform> byKey(String key) {
        return Arrays.stream(values())
                .filter(p -> p.key.equals(key.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
