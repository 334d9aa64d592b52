package dev.headroom.report;

import static dev.headroom.report.KubernetesManifests.map;
import static dev.headroom.report.KubernetesManifests.requiredInt;
import static dev.headroom.report.TerraformVariables.REPLICAS_FOR_PEAK;
import static dev.headroom.report.TerraformVariables.REPLICAS_MIN;
import static dev.headroom.report.TerraformVariables.SURVIVE;

import dev.headroom.sizing.SizingRequest.FailureDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of {@value KubernetesManifests#FILE} that keep the plan's spare for a lost node or
 * zone where the sizing put it: the pod template's topology spread, so no zone holds more of the
 * replicas than the zone spare was sized to lose, and the PodDisruptionBudget, so a node drain or a
 * node group update may take the spare but never the replicas the peak needs.
 *
 * <p>Both read the Terraform variables {@code survive}, {@code replicas_min} and {@code
 * replicas_for_peak}; with survive node or zone the sizer makes {@code replicas_min} the count that
 * still carries the peak after the loss, so the spare runs all day and is there to be used.
 */
final class SpareManifests {
    static final String ZONE_KEY = "topology.kubernetes.io/zone";
    static final String HOSTNAME_KEY = "kubernetes.io/hostname";

    /** The label the Deployment controller gives each revision's pods (kubernetes.io, Deployments). */
    static final String POD_TEMPLATE_HASH = "pod-template-hash";

    private SpareManifests() {}

    /**
     * The spread constraints for the pod template; empty with survive none.
     *
     * <p>None: no constraint. The plan keeps no spare, so nothing in it depends on where the pods
     * land, and a pod that defines no constraint of its own gets the scheduler's built-in defaults
     * (hostname maxSkew 3, zone maxSkew 5, both ScheduleAnyway), which writing any constraint would
     * replace (kubernetes.io, "Pod Topology Spread Constraints", "Cluster-level default constraints").
     *
     * <p>Zone: over {@value #ZONE_KEY} with maxSkew 1 and DoNotSchedule. The zone spare assumes an
     * even spread: with n replicas over z zones and a skew of at most 1, the largest zone holds
     * ceil(n / z), so losing it leaves floor(n (z - 1) / z), which is at least the peak's replicas
     * exactly when n >= ceil(peak z / (z - 1)), the sizer's count. ScheduleAnyway would only prefer
     * that spread, and a pod packed into one zone would silently undo the spare; DoNotSchedule
     * shows the same problem as a Pending pod instead. No minDomains: after a zone is lost it would
     * hold the surviving zones to maxSkew pods each and block the HPA's scale-out just when the
     * spare is in use.
     *
     * <p>Node and zone: over {@value #HOSTNAME_KEY} with maxSkew 1 and ScheduleAnyway, a
     * preference. The node spare does not need it (a node never holds more pods than fit on it,
     * and the spare is sized as a whole node), but fewer replicas per node make a node's loss a
     * smaller dip. DoNotSchedule over hostnames would count every node of the cluster, including
     * full nodes of other node groups with none of these pods, as a domain at the global minimum
     * of 0, and leave pods Pending at the peak.
     */
    static List<Map<String, Object>> topologySpreadConstraints(
            Map<String, Object> variables, Map<String, Object> podLabels) {
        List<Map<String, Object>> constraints = new ArrayList<>();
        FailureDomain survive = survive(variables);
        if (survive == FailureDomain.ZONE) {
            Map<String, Object> zone = constraint(ZONE_KEY, "DoNotSchedule", podLabels);
            // A zone whose nodes are all unreachable or cordoned carries an untolerated NoSchedule
            // taint; with Honor it stops counting as a domain, so its 0 pods do not pin the global
            // minimum and keep the surviving zones from the HPA's new pods. The default, Ignore,
            // counts it (kubernetes.io, "Pod Topology Spread Constraints", nodeTaintsPolicy and
            // "Known limitations"; "Taints and Tolerations", "Taint Nodes by Condition").
            zone.put("nodeTaintsPolicy", "Honor");
            constraints.add(zone);
        }
        if (survive != FailureDomain.NONE) constraints.add(constraint(HOSTNAME_KEY, "ScheduleAnyway", podLabels));
        return constraints;
    }

    /**
     * matchLabelKeys pod-template-hash spreads each revision on its own: during a rollout the new
     * pods are placed to balance themselves, not the old and new together, which would leave the
     * new revision uneven once the old pods are gone (same page, matchLabelKeys).
     */
    private static Map<String, Object> constraint(
            String topologyKey, String whenUnsatisfiable, Map<String, Object> podLabels) {
        return map(
                "maxSkew",
                1,
                "topologyKey",
                topologyKey,
                "whenUnsatisfiable",
                whenUnsatisfiable,
                "labelSelector",
                map("matchLabels", new LinkedHashMap<>(podLabels)),
                "matchLabelKeys",
                List.of(POD_TEMPLATE_HASH));
    }

    /**
     * The budget for voluntary disruptions (node drains, node group updates, the cluster autoscaler's
     * scale-in; kubernetes.io, "Specifying a Disruption Budget for your Application").
     *
     * <p>With the spare deployed (survive node or zone, and {@code replicas_min} above {@code
     * replicas_for_peak}): minAvailable = replicas_for_peak. An eviction is allowed while it leaves
     * that many healthy pods, so a drain may take the spare, replicas_min - replicas_for_peak pods at
     * a time at the minimum, and never capacity the peak needs. Because the min is above it, the
     * budget never blocks every drain, which a minAvailable equal to the replica count would do
     * (same page: "the drain never completes").
     *
     * <p>Without it (survive none, or a plan whose min leaves no spare, such as one zone): maxUnavailable
     * 1. There is no spare to give, so a drain takes capacity whatever the budget says; one pod at a
     * time is the least it can take and still finish, with the min of at least two replicas leaving
     * one serving. maxUnavailable follows the HPA's replica count, as the same page recommends.
     *
     * <p>unhealthyPodEvictionPolicy AlwaysAllow: a running pod that is not ready serves nothing, so
     * evicting it costs no capacity, while the default (IfHealthyBudget) lets one crash-looping pod
     * stall every drain (same page, "Unhealthy Pod Eviction Policy"; stable since Kubernetes 1.31).
     */
    static Map<String, Object> podDisruptionBudget(
            Map<String, Object> variables, Map<String, Object> podLabels, String name) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (spareDeployed(variables)) spec.put("minAvailable", requiredInt(variables, REPLICAS_FOR_PEAK));
        else spec.put("maxUnavailable", 1);
        spec.put("selector", map("matchLabels", new LinkedHashMap<>(podLabels)));
        spec.put("unhealthyPodEvictionPolicy", "AlwaysAllow");
        return map(
                "apiVersion",
                "policy/v1",
                "kind",
                "PodDisruptionBudget",
                "metadata",
                map("name", name, "labels", new LinkedHashMap<>(podLabels)),
                "spec",
                spec);
    }

    /** Survive node or zone with a min that runs more replicas than the peak needs. */
    static boolean spareDeployed(Map<String, Object> variables) {
        if (survive(variables) == FailureDomain.NONE) return false;
        return requiredInt(variables, REPLICAS_MIN) > requiredInt(variables, REPLICAS_FOR_PEAK);
    }

    private static FailureDomain survive(Map<String, Object> variables) {
        Object value = variables.get(SURVIVE);
        return Arrays.stream(FailureDomain.values())
                .filter(d -> TerraformVariables.survive(d).equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Terraform variable " + SURVIVE + " must be none, node or zone, got " + value));
    }
}
