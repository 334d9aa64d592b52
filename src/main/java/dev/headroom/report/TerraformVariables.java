package dev.headroom.report;

import dev.headroom.sizing.FargateTaskSize;
import dev.headroom.sizing.FargateTaskSizes;
import dev.headroom.sizing.Plan;
import dev.headroom.sizing.Platform;
import dev.headroom.sizing.ScaleOut;
import dev.headroom.sizing.Sizing;
import dev.headroom.sizing.SizingRequest;
import dev.headroom.sizing.TestBed;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Terraform variables of a recommended plan: the contract between a sizing and the code that
 * deploys it. Every name here is declared, with its type, unit and default, in
 * {@code terraform/headroom-capacity/variables.tf}; a name is a public interface, so add names,
 * never rename them.
 *
 * <p>A value the plan lacks (memory not measured, a pool size not evaluated, an unknown
 * max_connections) is <em>omitted</em>, not written as null or guessed: Terraform then uses the
 * module's documented default for it, which is either the software's own default (HikariCP's pool
 * of 10) or null, meaning "leave it as it is" (no memory request, the database unchanged). A
 * placeholder number would look measured to whoever applies it.
 *
 * <p>How the counts map onto the plan:
 *
 * <ul>
 *   <li>{@code replicas_min}, {@code replicas_max}: the service's replica bounds, the HPA's on EKS.
 *       On EC2 and Fargate one replica is one instance or task, so they equal the group's or the
 *       service's bounds; they are what the module's connection budget counts.
 *   <li>{@code replicas_for_peak}: {@link Plan#replicasForPeak}, the replicas that carry the peak at
 *       the CPU target without the spare. Not a bound: it is what a voluntary disruption (a node
 *       drain, a node group update) must leave running, the PodDisruptionBudget's minAvailable
 *       when the spare is deployed.
 *   <li>{@code survive}: the request's failure domain, {@code none}, {@code node} or {@code zone}.
 *       With node or zone the plan's minimums are the counts that still carry the peak after that
 *       loss, so the min keeps the spare running; the Kubernetes manifests spread the pods over
 *       that domain and let voluntary disruptions take the spare, never the peak's replicas.
 *   <li>{@code node_min_size}, {@code node_max_size}: the node group's bounds, {@link Plan#nodesMin}
 *       and {@link Plan#nodesMax}. {@link Plan#nodesForPeak} is not a setting: the cluster
 *       autoscaler reaches it between the bounds as pods go pending, and it is checked to fit
 *       under the max.
 *   <li>{@code node_desired_size}, {@code asg_desired_capacity}: the min. Desired is only the
 *       starting size; the autoscaler owns it afterwards (the usual Terraform setup ignores its
 *       drift), and starting at the peak would pay for the peak until the first scale-in.
 *   <li>On EC2 and Fargate, where the plan carries both replica and node counts for the same
 *       machines, each bound is the larger of the two, so neither the group nor the connection
 *       budget undercounts the JVMs that can run.
 * </ul>
 */
public final class TerraformVariables {
    // Every platform
    public static final String PLATFORM = "platform";
    public static final String REGION = "region";
    public static final String AVAILABILITY_ZONES = "availability_zones";
    /** The failure the plan rides out at the peak: none, node or zone. */
    public static final String SURVIVE = "survive";

    public static final String REPLICAS_MIN = "replicas_min";
    /** Replicas that carry the peak at the CPU target, without the spare (count). */
    public static final String REPLICAS_FOR_PEAK = "replicas_for_peak";

    public static final String REPLICAS_MAX = "replicas_max";
    public static final String CPU_TARGET_UTILIZATION_PERCENT = "cpu_target_utilization_percent";
    /** HikariCP's maximumPoolSize for one replica. */
    public static final String POOL_SIZE = "pool_size";
    /**
     * The heap maximum (MiB) the service's JVM was measured with: the memory request holds it, and a
     * JVM left to pick its own heap from the container's limit (25 % of it by default) is not the
     * service that was measured.
     */
    public static final String JVM_MAX_HEAP_MIB = "jvm_max_heap_mib";

    public static final String DB_INSTANCE_CLASS = "db_instance_class";
    public static final String DB_MAX_CONNECTIONS = "db_max_connections";
    /** Connections other clients hold, which the connection budget adds to the replicas' pools. */
    public static final String DB_RESERVED_CONNECTIONS = "db_reserved_connections";

    // EKS
    public static final String NODE_INSTANCE_TYPE = "node_instance_type";
    public static final String NODE_MIN_SIZE = "node_min_size";
    public static final String NODE_MAX_SIZE = "node_max_size";
    public static final String NODE_DESIRED_SIZE = "node_desired_size";
    public static final String POD_CPU_REQUEST_MILLICORES = "pod_cpu_request_millicores";
    public static final String POD_MEMORY_REQUEST_MIB = "pod_memory_request_mib";

    // EC2 Auto Scaling
    public static final String INSTANCE_TYPE = "instance_type";
    public static final String ASG_MIN_SIZE = "asg_min_size";
    public static final String ASG_MAX_SIZE = "asg_max_size";
    public static final String ASG_DESIRED_CAPACITY = "asg_desired_capacity";
    public static final String JVM_ACTIVE_PROCESSOR_COUNT = "jvm_active_processor_count";

    // ECS Fargate
    public static final String TASK_CPU_UNITS = "task_cpu_units";
    public static final String TASK_MEMORY_MIB = "task_memory_mib";
    public static final String SERVICE_MIN_COUNT = "service_min_count";
    public static final String SERVICE_MAX_COUNT = "service_max_count";

    /** Absorbs binary fractions (0.7 × 100 = 69.99999999999999) before a floor or ceiling. */
    private static final double ROUNDING_SLACK = 1e-9;

    private TerraformVariables() {}

    /**
     * The variables of the sizing's recommendation, or none when no plan is feasible: then nothing
     * may be deployed, and stale variables from an earlier sizing must not stay beside it.
     */
    public static Map<String, Object> of(Sizing sizing) {
        return sizing.recommendation()
                .map(p -> of(p, sizing.request(), sizing.testBed()))
                .orElse(Map.of());
    }

    /** The variables of {@code plan} for a service measured on {@code bed}: with its JVM's heap when known. */
    public static Map<String, Object> of(Plan plan, SizingRequest request, TestBed bed) {
        Map<String, Object> v = new LinkedHashMap<>(of(plan, request));
        // Whole MiB, as -Xmx<n>m takes it; rounded, since the heap maximum (the flag's, or a gauge's
        // reading of it) is in exact bytes. Not when the replica's memory (a request's
        // replica.memory_mib) is below what that heap needs: pinned, the heap would fill the
        // container until it is killed (MEMORY_BELOW_JVM_HEAP).
        if (measured(bed.jvmHeapMaxMib()) && plan.replicaMemoryMib() >= bed.jvmMemoryFloorMib())
            v.put(JVM_MAX_HEAP_MIB, (int) Math.round(bed.jvmHeapMaxMib()));
        return Collections.unmodifiableMap(v);
    }

    /**
     * The variables of {@code plan}, in a fixed order (common ones first, then the platform's).
     *
     * @throws IllegalArgumentException when the plan is infeasible, is for another platform than
     *     the request, or its counts cannot be applied as they stand (a min above its max, a peak
     *     above the max, a CPU that is no Fargate size): applying them would fail late in AWS or
     *     deploy a plan the sizer rejected
     */
    public static Map<String, Object> of(Plan plan, SizingRequest request) {
        if (!plan.feasible())
            throw new IllegalArgumentException("the plan is infeasible, nothing to deploy: " + plan.violations());
        if (plan.platform() != request.platform())
            throw new IllegalArgumentException(
                    "the plan is for " + plan.platform() + " but the request for " + request.platform());
        if (!measured(plan.replicaCpuCores()))
            throw new IllegalArgumentException("the replica's CPU must be > 0, got " + plan.replicaCpuCores());
        Bounds replicas = replicaBounds(plan);

        Map<String, Object> v = new LinkedHashMap<>();
        v.put(PLATFORM, plan.platform().key());
        v.put(REGION, request.region());
        v.put(AVAILABILITY_ZONES, request.availabilityZones());
        v.put(SURVIVE, survive(request.survive()));
        v.put(REPLICAS_MIN, replicas.min());
        v.put(REPLICAS_FOR_PEAK, plan.replicasForPeak());
        v.put(REPLICAS_MAX, replicas.max());
        v.put(CPU_TARGET_UTILIZATION_PERCENT, targetPercent(plan.cpuTargetUtilization()));
        // 0 is the plan's "not evaluated": the steps carried no connection hold time.
        if (plan.poolSize() > 0) v.put(POOL_SIZE, plan.poolSize());
        if (plan.dbClass() != null && !plan.dbClass().isBlank()) v.put(DB_INSTANCE_CLASS, plan.dbClass());
        if (plan.dbMaxConnections() > 0) v.put(DB_MAX_CONNECTIONS, plan.dbMaxConnections());
        v.put(DB_RESERVED_CONNECTIONS, request.database().reservedConnections());

        switch (plan.platform()) {
            case EKS -> putEks(plan, v);
            case EC2_ASG -> putEc2(plan, replicas, v);
            case ECS_FARGATE -> putFargate(plan, replicas, v);
        }
        return Collections.unmodifiableMap(v);
    }

    private static void putEks(Plan plan, Map<String, Object> v) {
        requireOrdered("nodes", plan.nodesMin(), plan.nodesForPeak(), plan.nodesMax());
        v.put(NODE_INSTANCE_TYPE, plan.capacityType());
        v.put(NODE_MIN_SIZE, plan.nodesMin());
        v.put(NODE_MAX_SIZE, plan.nodesMax());
        v.put(NODE_DESIRED_SIZE, plan.nodesMin());
        // Up, never down: 1 m is Kubernetes' finest CPU unit, and a request below the sized CPU
        // would give the replica less than its capacity was measured with.
        v.put(POD_CPU_REQUEST_MILLICORES, ceil(plan.replicaCpuCores() * 1000));
        if (measured(plan.replicaMemoryMib())) v.put(POD_MEMORY_REQUEST_MIB, ceil(plan.replicaMemoryMib()));
    }

    private static void putEc2(Plan plan, Bounds instances, Map<String, Object> v) {
        v.put(INSTANCE_TYPE, plan.capacityType());
        v.put(ASG_MIN_SIZE, instances.min());
        v.put(ASG_MAX_SIZE, instances.max());
        v.put(ASG_DESIRED_CAPACITY, instances.min());
        // The JVM rounds a CFS quota up to whole processors (ceil(quota / period)) and sizes its GC
        // and common-pool threads from that; the same count on the instance keeps those as measured.
        v.put(JVM_ACTIVE_PROCESSOR_COUNT, Math.max(1, ceil(plan.replicaCpuCores())));
    }

    private static void putFargate(Plan plan, Bounds tasks, Map<String, Object> v) {
        int memoryMib = measured(plan.replicaMemoryMib()) ? (int) Math.ceil(plan.replicaMemoryMib()) : 1;
        FargateTaskSize size = FargateTaskSizes.smallestFitting(plan.replicaCpuCores(), memoryMib)
                .filter(s -> s.cpuUnits() == Math.round(plan.replicaCpuCores() * 1024))
                .orElseThrow(() -> new IllegalArgumentException("a Fargate task cannot have " + plan.replicaCpuCores()
                        + " vCPU and " + plan.replicaMemoryMib() + " MiB"));
        v.put(TASK_CPU_UNITS, size.cpuUnits());
        // Fargate bills the registered size, so measured memory rounds up to the next allowed one.
        if (measured(plan.replicaMemoryMib())) v.put(TASK_MEMORY_MIB, size.memoryMib());
        v.put(SERVICE_MIN_COUNT, tasks.min());
        v.put(SERVICE_MAX_COUNT, tasks.max());
    }

    /** The request's failure domain as the module spells it: none, node or zone. */
    public static String survive(SizingRequest.FailureDomain domain) {
        return domain.name().toLowerCase(Locale.ROOT);
    }

    private record Bounds(int min, int max) {}

    private static Bounds replicaBounds(Plan plan) {
        requireOrdered("replicas", plan.minReplicas(), plan.replicasForPeak(), plan.maxReplicas());
        if (plan.minReplicas() < 1) throw new IllegalArgumentException("min replicas must be >= 1");
        // A peak needs a replica: zero would be a disruption budget that guards nothing.
        if (plan.replicasForPeak() < 1) throw new IllegalArgumentException("replicas for the peak must be >= 1");
        if (plan.platform() == Platform.EKS) return new Bounds(plan.minReplicas(), plan.maxReplicas());
        if (plan.replicasPerNode() != 1)
            throw new IllegalArgumentException(
                    plan.platform() + " runs one replica per instance or task, not " + plan.replicasPerNode());
        requireOrdered("instances or tasks", plan.nodesMin(), plan.nodesForPeak(), plan.nodesMax());
        return new Bounds(Math.max(plan.minReplicas(), plan.nodesMin()), Math.max(plan.maxReplicas(), plan.nodesMax()));
    }

    /**
     * The min may exceed the peak's need (a zone's spare at baseline), but nothing may exceed the
     * max: AWS rejects a min above the max, and a peak above it would never be reached.
     */
    private static void requireOrdered(String what, int min, int forPeak, int max) {
        if (min < 0 || min > max || forPeak > max || max < 1)
            throw new IllegalArgumentException(what + ": need 0 <= min <= max, peak <= max and max >= 1, got min " + min
                    + ", peak " + forPeak + ", max " + max);
    }

    /**
     * Down to a whole percent: the plan's target is the highest that still absorbs the load growth
     * during the scale-out lag ({@link ScaleOut#maxTarget}), so rounding up would exceed it, while
     * rounding down only scales out a little earlier.
     */
    private static int targetPercent(double utilization) {
        int percent = (int) Math.floor(utilization * 100 + ROUNDING_SLACK);
        if (percent < 1 || percent > 100)
            throw new IllegalArgumentException("the CPU target must be 1..100 %, got " + utilization * 100);
        return percent;
    }

    private static int ceil(double value) {
        return (int) Math.ceil(value - ROUNDING_SLACK);
    }

    private static boolean measured(double value) {
        return value > 0 && Double.isFinite(value);
    }
}
