package dev.headroom.sizing.system;

import dev.headroom.sizing.Decision;
import dev.headroom.sizing.EksNodeCapacity;
import dev.headroom.sizing.Finding;
import dev.headroom.sizing.FindingCode;
import dev.headroom.sizing.InstanceCatalog;
import dev.headroom.sizing.InstanceType;
import dev.headroom.sizing.Plan;
import dev.headroom.sizing.Platform;
import dev.headroom.sizing.PriceTable;
import dev.headroom.sizing.SizingRequest;
import dev.headroom.sizing.system.NodePacking.NodeRoom;
import dev.headroom.sizing.system.NodePacking.Packing;
import dev.headroom.sizing.system.NodePacking.PodShape;
import dev.headroom.sizing.system.SystemSizing.NodeGroupPlan;
import dev.headroom.sizing.system.SystemSizing.ServicePlan;
import dev.headroom.sizing.system.SystemSpec.NodeGroupSpec;
import dev.headroom.sizing.system.SystemSpec.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An EKS node group shared by several services: for each candidate type, every service's plan on
 * that type, then all their pods (each with its sidecars) packed onto nodes beside the DaemonSets;
 * the cheapest type wins. The counts deployed are those that hold the services' minimums (which
 * carry the node or zone spare, as {@code PlanBuilder} sizes it), their peak, and their maximums
 * plus every service's release surge ({@link SystemSpec.Deployment#releaseSurge}, the rule the
 * connection budget counts too).
 */
final class NodeGroupSizer {
    private NodeGroupSizer() {}

    /** A candidate type with every service's plan on it and the node counts. */
    record Candidate(
            InstanceType type,
            List<ServicePlan> services,
            int min,
            int atPeak,
            int max,
            Packing peak,
            double sustainedUtilization,
            double creditUsdPerMonth,
            double usd) {}

    static Result size(
            SystemSpec spec,
            NodeGroupSpec group,
            Map<String, dev.headroom.sizing.Sizing> sizings,
            InstanceCatalog catalog,
            PriceTable prices,
            double testCoremarkPerVcpu) {
        List<ServiceSpec> members = spec.services().stream()
                .filter(s -> s.nodeGroup().equals(group.name()))
                .toList();
        List<InstanceType> types = group.instanceTypes().isEmpty()
                ? catalog.all()
                : group.instanceTypes().stream().map(catalog::byName).toList();
        List<String> rejected = new ArrayList<>();
        List<Candidate> fits = new ArrayList<>();
        for (InstanceType t : types) {
            List<ServicePlan> plans = new ArrayList<>();
            String why = null;
            for (ServiceSpec s : members) {
                Optional<Plan> p = ServicePlanner.singlePlan(sizings.get(s.name()), Platform.EKS, t.name());
                if (p.isEmpty()) {
                    why = s.name() + ": " + ServicePlanner.whyNot(sizings.get(s.name()), Platform.EKS, t.name());
                    break;
                }
                plans.add(ServicePlanner.plan(s, sizings.get(s.name()), p.get()));
            }
            if (why != null) {
                rejected.add(t.name() + ": " + why);
                continue;
            }
            NodeRoom room = NodeRoom.of(t, group.daemons());
            Packing atMin = pack(spec, room, plans, ServicePlan::minReplicas);
            Packing atPeak = pack(spec, room, plans, ServicePlan::replicasAtPeak);
            Packing atMax = pack(
                    spec, room, plans, p -> p.maxReplicas() + spec.deployment().releaseSurge(p.maxReplicas()));
            if (!atPeak.complete() || !atMax.complete()) {
                rejected.add(
                        t.name() + ": a pod of " + atMax.unplaceable().get(0).service() + " with its sidecars ("
                                + atMax.unplaceable().get(0).cpuMillicores() + "m, "
                                + atMax.unplaceable().get(0).memoryMib()
                                + " MiB) does not fit beside the DaemonSets (" + room.cpuMillicores() + "m, "
                                + room.memoryMib() + " MiB, " + room.podSlots() + " pod slots left)");
                continue;
            }
            int min = zoneNodes(spec, atMin);
            int peak = zoneNodes(spec, atPeak);
            // Burstable credits by the single-service rule (InstanceType#surplusCreditUsdPerMonth): the
            // nodes' CPU for most of the day, at the baseline on the minimum fleet when every service
            // has a baseline, else at the peak on the peak's fleet, is paid above the type's baseline.
            double sustained =
                    sustainedUtilization(plans, t, testCoremarkPerVcpu, allHaveBaselines(members) ? min : peak);
            double credits = t.surplusCreditUsdPerMonth(sustained, allHaveBaselines(members) ? min : peak);
            double usd = prices.ec2(t.name())
                    .map(pr -> pr.usdPerHour() * peak * dev.headroom.sizing.Plan.Cost.HOURS_PER_MONTH)
                    .orElse(Double.NaN);
            fits.add(new Candidate(
                    t,
                    plans,
                    min,
                    peak,
                    zoneNodes(spec, atMax),
                    atPeak,
                    sustained,
                    credits,
                    Double.isNaN(credits) ? usd : usd + credits));
        }
        List<Finding> findings = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        if (fits.isEmpty()) {
            findings.add(Finding.error(
                    FindingCode.NO_FEASIBLE_PLAN,
                    "node group " + group.name() + ": no type holds its services: " + String.join("; ", rejected)));
            return new Result(
                    new NodeGroupPlan(
                            group.name(),
                            "",
                            0,
                            0,
                            0,
                            List.of(),
                            group.daemons().cpuRequestMillicores(),
                            group.daemons().memoryRequestMib(),
                            group.daemons().podCount(),
                            Double.NaN,
                            rejected,
                            decisions,
                            findings),
                    Optional.empty());
        }
        fits.sort(java.util.Comparator.comparingDouble(
                        (Candidate c) -> Double.isNaN(c.usd()) ? Double.MAX_VALUE : c.usd())
                .thenComparingInt(c -> c.atPeak() * c.type().vcpus()));
        Candidate best = fits.get(0);
        for (Candidate c : fits.subList(1, fits.size()))
            rejected.add(String.format("%s: %d nodes at the peak, %s", c.type().name(), c.atPeak(), usd(c.usd())));
        List<Map<String, Integer>> layout = new ArrayList<>();
        List<List<PodShape>> nodesAtPeak = zoned(spec) ? best.peak().nodes() : spreadOver(best.peak(), best.atPeak());
        for (List<PodShape> node : nodesAtPeak) {
            Map<String, Integer> counts = new TreeMap<>();
            node.forEach(p -> counts.merge(p.service(), 1, Integer::sum));
            layout.add(counts);
        }
        NodeRoom room = NodeRoom.of(best.type(), group.daemons());
        decisions.add(Decision.named("node_group")
                .input(
                        "daemonsets",
                        group.daemons().pods().stream()
                                .map(d ->
                                        d.name() + " " + d.cpuRequestMillicores() + "m/" + d.memoryRequestMib() + "Mi")
                                .toList())
                .input(
                        "room_per_node",
                        room.cpuMillicores() + "m, " + room.memoryMib() + " MiB, " + room.podSlots()
                                + " pod slots after the kubelet's reservation and the DaemonSets")
                .input("pods_at_peak", podsAt(best.services(), ServicePlan::replicasAtPeak))
                .formula("first-fit decreasing of every service's pods (container + sidecars) on nodes of each type;"
                        + (zoned(spec)
                                ? " one zone's share (ceil(replicas / zones)) per zone, times the zones;"
                                : " at least one node per zone (" + spec.availabilityZones() + ");")
                        + " the max with every service's release surge ("
                        + spec.deployment().describe() + ");"
                        + " cheapest type at the peak")
                .result("instance_type", best.type().name())
                .result("nodes_min", best.min())
                .result("nodes_at_peak", best.atPeak())
                .result("nodes_max", best.max())
                .result("sustained_cpu_utilization", best.sustainedUtilization())
                .result("surplus_credit_usd_per_month", best.creditUsdPerMonth())
                .because(String.format(
                        "%d %s nodes hold the peak's pods of %d services with their sidecars beside %d DaemonSet pods"
                                + " per node; %s a month.",
                        best.atPeak(),
                        best.type().name(),
                        best.services().size(),
                        group.daemons().podCount(),
                        usd(best.usd()))));
        if (!Double.isNaN(best.creditUsdPerMonth()))
            findings.add(Finding.warning(
                    FindingCode.BURSTABLE_BASELINE_EXCEEDED,
                    String.format(
                            "node group %s: %d %s nodes run at %.0f %% CPU most of the day, above the %.0f %% credit"
                                    + " baseline; unlimited mode's surplus credits, %.2f USD a month, are in its price",
                            group.name(),
                            allHaveBaselines(members) ? best.min() : best.atPeak(),
                            best.type().name(),
                            best.sustainedUtilization() * 100,
                            best.type().baselineCpuFraction() * 100,
                            best.creditUsdPerMonth())));
        return new Result(
                new NodeGroupPlan(
                        group.name(),
                        best.type().name(),
                        best.min(),
                        best.atPeak(),
                        best.max(),
                        layout,
                        group.daemons().cpuRequestMillicores(),
                        group.daemons().memoryRequestMib(),
                        group.daemons().podCount(),
                        best.usd(),
                        rejected,
                        decisions,
                        findings),
                Optional.of(best));
    }

    record Result(NodeGroupPlan plan, Optional<Candidate> chosen) {}

    private static Map<String, Integer> podsAt(
            List<ServicePlan> plans, java.util.function.ToIntFunction<ServicePlan> count) {
        Map<String, Integer> m = new LinkedHashMap<>();
        plans.forEach(p -> m.put(p.name(), count.applyAsInt(p)));
        return m;
    }

    private static boolean allHaveBaselines(List<ServiceSpec> members) {
        return members.stream().noneMatch(s -> Double.isNaN(s.request().baselineRps()));
    }

    /**
     * The nodes' CPU utilization for most of the day, as {@code PlanBuilder} counts one service's:
     * each service's replicas (at its minimum with a baseline, else at the peak) running their
     * background U0 and its load X D (at its baseline, else its peak), over the nodes' vCPUs, with
     * the type's speed against the test host. Sidecars and DaemonSets have requests, not a measured
     * use: they are not in it.
     */
    static double sustainedUtilization(List<ServicePlan> plans, InstanceType t, double testCoremarkPerVcpu, int nodes) {
        double speed = Double.isNaN(testCoremarkPerVcpu) ? 1.0 : t.coremarkPerVcpu() / testCoremarkPerVcpu;
        double used = 0;
        for (ServicePlan p : plans) {
            if (p.single() == null || p.single().appDemand().isEmpty()) continue;
            dev.headroom.sizing.ServiceDemand d = p.single().appDemand().get();
            double baseline = p.single().request().baselineRps();
            boolean atBaseline = !Double.isNaN(baseline);
            double rps = atBaseline ? baseline : p.single().request().peakRps();
            int replicas = atBaseline ? p.minReplicas() : p.replicasAtPeak();
            used += (replicas * d.backgroundCores() + rps * d.cpuSecondsPerRequest()) / speed;
        }
        return used / ((double) nodes * t.vcpus());
    }

    /** With a zone to survive, pods spread evenly over the zones, and each zone needs nodes for its share. */
    static boolean zoned(SystemSpec spec) {
        return spec.survive() == SizingRequest.FailureDomain.ZONE && spec.availabilityZones() >= 2;
    }

    /**
     * Nodes of one zone's packing times the zones; without a zone to survive, the packing, but never
     * fewer nodes than the zones the pods spread over (EksNodeCapacity#nodesOverZones).
     */
    private static int zoneNodes(SystemSpec spec, Packing packing) {
        if (zoned(spec)) return packing.nodeCount() * spec.availabilityZones();
        return EksNodeCapacity.nodesOverZones(packing.nodeCount(), packing.podCount(), spec.availabilityZones());
    }

    /**
     * The packing's pods on {@code nodes} nodes when the zones asked for more nodes than it used:
     * one pod at a time from the node holding the most to a new empty one, which holds any pod the
     * packing placed (an empty node holds every pod that fits a node) and leaves no node heavier.
     */
    static List<List<PodShape>> spreadOver(Packing packing, int nodes) {
        List<List<PodShape>> spread = new ArrayList<>();
        packing.nodes().forEach(n -> spread.add(new ArrayList<>(n)));
        while (spread.size() < nodes) {
            List<PodShape> fullest = spread.stream()
                    .max(java.util.Comparator.comparingInt(List::size))
                    .orElseThrow();
            if (fullest.size() < 2) break; // fewer pods than nodes: an empty node has nothing to show
            List<PodShape> moved = new ArrayList<>();
            moved.add(fullest.remove(fullest.size() - 1));
            spread.add(moved);
        }
        return spread;
    }

    private static Packing pack(
            SystemSpec spec,
            NodeRoom room,
            List<ServicePlan> plans,
            java.util.function.ToIntFunction<ServicePlan> count) {
        List<PodShape> pods = new ArrayList<>();
        int zones = zoned(spec) ? spec.availabilityZones() : 1;
        for (ServicePlan p : plans) {
            int share = (count.applyAsInt(p) + zones - 1) / zones;
            PodShape shape = new PodShape(
                    p.name(), p.podCpuMillicores() + p.sidecarCpuMillicores(), p.podMemoryMib() + p.sidecarMemoryMib());
            pods.addAll(NodePacking.copies(shape, share));
        }
        return NodePacking.pack(room, pods);
    }

    static String usd(double v) {
        return Double.isNaN(v) ? "price unknown" : String.format("%.2f USD", v);
    }
}
