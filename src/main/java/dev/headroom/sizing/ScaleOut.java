package dev.headroom.sizing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long new capacity takes to serve after load starts rising, and the CPU target that leaves
 * enough headroom to carry the growth meanwhile.
 *
 * @param lagSeconds from the load crossing the target to the new replica serving
 * @param lagParts the parts of the lag, in order, for the reasoning
 * @param tolerance the controller's dead band: the HPA acts only once usage exceeds the target by 10 %
 */
public record ScaleOut(double lagSeconds, Map<String, Double> lagParts, double tolerance) {

    /**
     * The Kubernetes HPA leaves the replica count alone while the usage ratio is within 0.1 of 1
     * (kubernetes.io, "Horizontal Pod Autoscaling", algorithm details); target tracking has no
     * such band.
     */
    static final double HPA_TOLERANCE = 1.1;

    /** The lag of each platform, from the documented controller intervals and the measured start-up. */
    public static ScaleOut of(Platform platform, SizingRequest.ScalingTimes t) {
        Map<String, Double> parts = new LinkedHashMap<>();
        switch (platform) {
            case EKS -> {
                // metrics-server resolution 15 s in its shipped manifests; HPA sync period 15 s.
                parts.put("metric_interval_s", t.metricIntervalSeconds());
                parts.put("hpa_sync_s", t.controllerSyncSeconds());
                // A scale-out beyond the running nodes waits for a node: counted, to be safe.
                parts.put("node_start_s", t.nodeStartSeconds());
            }
            case EC2_ASG, ECS_FARGATE -> {
                // Target tracking alarms scale out after 3 datapoints in 3 minutes (observed, not
                // documented: capacity-facts.md).
                parts.put("alarm_s", t.alarmSeconds());
                parts.put(platform == Platform.EC2_ASG ? "instance_start_s" : "task_start_s", t.nodeStartSeconds());
            }
        }
        parts.put("service_start_s", t.serviceStartSeconds());
        double lag = parts.values().stream().mapToDouble(Double::doubleValue).sum();
        return new ScaleOut(lag, parts, platform == Platform.EKS ? HPA_TOLERANCE : 1.0);
    }

    /**
     * The highest CPU target whose headroom absorbs the growth during the lag: when usage crosses
     * target × tolerance, load keeps growing at g per minute for the lag, and must still fit under
     * the ceiling (the utilization at which the SLO held): u_target · tol · (1 + g·lag/60) ≤ u_ceiling.
     */
    public double maxTarget(double ceilingUtilization, double growthPerMinute) {
        return ceilingUtilization / (tolerance * (1 + growthPerMinute * lagSeconds / 60.0));
    }

    /** The load growth a CPU target can absorb before the ceiling: the inverse of {@link #maxTarget}. */
    public double absorbableGrowthPerMinute(double target, double ceilingUtilization) {
        return (ceilingUtilization / (tolerance * target) - 1) * 60.0 / lagSeconds;
    }
}
