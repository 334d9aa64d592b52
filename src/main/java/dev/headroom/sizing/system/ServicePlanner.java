package dev.headroom.sizing.system;

import dev.headroom.sizing.Decision;
import dev.headroom.sizing.FargateTaskSize;
import dev.headroom.sizing.Finding;
import dev.headroom.sizing.FindingCode;
import dev.headroom.sizing.Plan;
import dev.headroom.sizing.Platform;
import dev.headroom.sizing.SidecarRequests;
import dev.headroom.sizing.Sizing;
import dev.headroom.sizing.system.SystemSizing.ServicePlan;
import dev.headroom.sizing.system.SystemSpec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One service's part of a system plan, from its single-service sizing: the plan for the chosen
 * node type (or Fargate), within the team's min/max bounds, with its sidecars and its pool.
 */
final class ServicePlanner {
    private ServicePlanner() {}

    /** The single-service plan on {@code capacityType} (a node type; ignored on Fargate), if feasible. */
    static Optional<Plan> singlePlan(Sizing sizing, Platform platform, String capacityType) {
        return sizing.plans().stream()
                .filter(Plan::feasible)
                .filter(p ->
                        platform == Platform.ECS_FARGATE || p.capacityType().equals(capacityType))
                .findFirst();
    }

    /** Why no plan: the single-service sizing's violations on that type, or its missing inputs. */
    static String whyNot(Sizing sizing, Platform platform, String capacityType) {
        return sizing.plans().stream()
                .filter(p ->
                        platform == Platform.ECS_FARGATE || p.capacityType().equals(capacityType))
                .findFirst()
                .map(p -> String.join("; ", p.violations()))
                .orElse(
                        sizing.plans().isEmpty()
                                ? "no plan was made from its run (see its decisions: a peak, the CPU per request, the"
                                        + " replica's CPU and memory and the SLO's ceiling are needed)"
                                : "its type is not allowed for it");
    }

    static ServicePlan plan(ServiceSpec s, Sizing sizing, Plan p) {
        List<Decision> decisions = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        int atPeak = Math.max(p.minReplicas(), p.replicasForPeak());
        int min = p.minReplicas();
        int max = p.maxReplicas();
        if (s.minReplicas().isPresent() && s.minReplicas().getAsInt() > min)
            min = s.minReplicas().getAsInt();
        atPeak = Math.max(atPeak, min);
        if (s.maxReplicas().isPresent()) {
            int declared = s.maxReplicas().getAsInt();
            if (declared >= atPeak) max = declared;
            else {
                findings.add(Finding.error(
                        FindingCode.PLAN_CAPACITY_SHORT,
                        String.format(
                                "%s: max_replicas %d cannot carry its peak of %.0f req/s: %d replicas are needed"
                                        + " (%d at the CPU target%s); the plan raises the max to %d",
                                s.name(),
                                declared,
                                s.request().peakRps(),
                                atPeak,
                                p.replicasForPeak(),
                                atPeak > p.replicasForPeak() ? " plus the spare that rides out a " + survive(s) : "",
                                Math.max(max, atPeak))));
                max = Math.max(max, atPeak);
            }
        }
        max = Math.max(max, atPeak);
        int pool = s.poolSize().orElse(p.poolSize());
        decisions.add(Decision.named("replicas")
                .input("single_service_min", p.minReplicas())
                .input("single_service_for_peak", p.replicasForPeak())
                .input("single_service_max", p.maxReplicas())
                .input(
                        "declared_min",
                        s.minReplicas().isPresent() ? s.minReplicas().getAsInt() : null)
                .input(
                        "declared_max",
                        s.maxReplicas().isPresent() ? s.maxReplicas().getAsInt() : null)
                .formula("min = max(sized min, declared min); max = declared max when it carries the peak, else the"
                        + " sized max")
                .result("min_replicas", min)
                .result("replicas_at_peak", atPeak)
                .result("max_replicas", max)
                .because(String.format(
                        "%d replicas carry %.0f req/s at a %.0f %% CPU target; %d run at the peak with the spare.",
                        p.replicasForPeak(), s.request().peakRps(), p.cpuTargetUtilization() * 100, atPeak)));
        decisions.add(Decision.named("pool")
                .input(
                        "declared_pool_size",
                        s.poolSize().isPresent() ? s.poolSize().getAsInt() : null)
                .input("sized_pool_size", p.poolSize())
                .formula(p.reasons().poolBasis())
                .result("pool_size", pool)
                .because(
                        s.poolSize().isPresent()
                                ? "The team's pool is what opens connections, so the budget counts it; the sized pool is"
                                        + " the fix when the budget is short."
                                : "The sized pool."));

        int taskCpuUnits = 0, taskMemoryMib = 0;
        double cpuTarget = p.cpuTargetUtilization();
        Plan applied;
        String capacityType = p.capacityType();
        if (p.platform() == Platform.ECS_FARGATE) {
            // The single-service plan was made for the task that holds the service and its sidecars
            // (SidecarRequests): its replicaCpuCores is the service's share of that task, and its
            // counts carry the peak on that share at the CPU target.
            SidecarRequests sidecars = sidecars(s);
            Optional<FargateTaskSize> task = sidecars.task(p.replicaCpuCores(), (int) Math.ceil(p.replicaMemoryMib()));
            if (task.isEmpty()) return unplanned(s, sizing, "no Fargate task size holds the service and its sidecars");
            taskCpuUnits = task.get().cpuUnits();
            taskMemoryMib = task.get().memoryMib();
            capacityType = String.format(
                    "fargate %s vCPU / %s GB",
                    trim(task.get().vcpus()), trim(task.get().memoryGib()));
            cpuTarget = taskCpuTarget(p.cpuTargetUtilization(), p.replicaCpuCores(), task.get());
            applied = withCounts(
                    p, task.get().vcpus(), task.get().memoryMib(), min, p.replicasForPeak(), max, pool, cpuTarget);
            decisions.add(Decision.named("task_size")
                    .input("service_cpu_cores", p.replicaCpuCores())
                    .input("service_memory_mib", p.replicaMemoryMib())
                    .input("sidecar_cpu_millicores", s.sidecarCpuMillicores())
                    .input("sidecar_memory_mib", s.sidecarMemoryMib())
                    .input("service_cpu_target_utilization", p.cpuTargetUtilization())
                    .formula("the smallest valid Fargate size holding the service and its sidecars; the service's"
                            + " share = task vCPU - sidecar vCPU, on which the replica counts are made; task CPU"
                            + " target = floor(service target x share / task vCPU), whole percent")
                    .result("task_cpu_units", taskCpuUnits)
                    .result("task_memory_mib", taskMemoryMib)
                    .result("task_cpu_target_utilization", cpuTarget)
                    .because(String.format(
                            "Fargate accepts only its listed CPU and memory pairs, so the task is rounded up; its"
                                    + " containers share its CPU, so the service carries load on the %s vCPU the"
                                    + " sidecars leave. ECS target tracking reads the task's CPU (CPU units used by the"
                                    + " service's tasks / units in the task definition: ECS Developer Guide, service"
                                    + " utilization metrics), so the target is the service's %.0f %% of %s vCPU as a"
                                    + " share of the task's %s: %.0f %%. The sidecars' own use is not in it, so with"
                                    + " busy sidecars the service scales out earlier, never later.",
                            trim(p.replicaCpuCores()),
                            p.cpuTargetUtilization() * 100,
                            trim(p.replicaCpuCores()),
                            trim(task.get().vcpus()),
                            cpuTarget * 100)));
        } else {
            applied = withCounts(
                    p, p.replicaCpuCores(), p.replicaMemoryMib(), min, p.replicasForPeak(), max, pool, cpuTarget);
        }
        ReadShare reads = ReadShare.of(s.name(), s.steps(), s.readShare());
        reads.finding().ifPresent(findings::add);
        return new ServicePlan(
                s.name(),
                new ServicePlan.Shape(
                        capacityType,
                        (int) Math.ceil(p.replicaCpuCores() * 1000 - 1e-9),
                        (int) Math.ceil(p.replicaMemoryMib()),
                        s.sidecarCpuMillicores(),
                        s.sidecarMemoryMib(),
                        taskCpuUnits,
                        taskMemoryMib),
                new ServicePlan.Replicas(min, p.replicasForPeak(), atPeak, max, cpuTarget),
                new ServicePlan.Pool(pool, p.poolSize()),
                work(s, sizing, reads),
                sizing,
                decisions,
                findings,
                Optional.of(applied));
    }

    static ServicePlan unplanned(ServiceSpec s, Sizing sizing, String why) {
        ReadShare reads = ReadShare.of(s.name(), s.steps(), s.readShare());
        return new ServicePlan(
                s.name(),
                new ServicePlan.Shape("", 0, 0, s.sidecarCpuMillicores(), s.sidecarMemoryMib(), 0, 0),
                new ServicePlan.Replicas(0, 0, 0, 0, Double.NaN),
                new ServicePlan.Pool(s.poolSize().orElse(0), 0),
                work(s, sizing, reads),
                sizing,
                List.of(Decision.notEvaluated("replicas", why)),
                List.of(Finding.error(FindingCode.NO_FEASIBLE_PLAN, s.name() + ": " + why)),
                Optional.empty());
    }

    /**
     * Its database work from its measured database demand U = U0 + X D: the requests' part X D at
     * its peak and baseline, and U0 apart, since U0 is the database's and not the service's.
     */
    static SystemSizing.DatabaseWork work(ServiceSpec s, Sizing sizing, ReadShare reads) {
        double peak = s.request().peakRps();
        double baseline =
                Double.isNaN(s.request().baselineRps()) ? peak : s.request().baselineRps();
        return new SystemSizing.DatabaseWork(
                s.database(),
                sizing.dbDemand().map(d -> peak * d.cpuSecondsPerRequest()).orElse(Double.NaN),
                sizing.dbDemand().map(d -> baseline * d.cpuSecondsPerRequest()).orElse(Double.NaN),
                sizing.dbDemand().map(d -> d.backgroundCores()).orElse(Double.NaN),
                reads.share(),
                reads.basis());
    }

    /** The single-service plan with the system's counts and pool: what is deployed (Terraform variables, manifests). */
    private static Plan withCounts(
            Plan p,
            double replicaCpu,
            double replicaMemoryMib,
            int min,
            int forPeak,
            int max,
            int pool,
            double cpuTarget) {
        boolean onePerNode = p.replicasPerNode() == 1;
        return new Plan(
                p.platform(),
                p.capacityType(),
                replicaCpu,
                replicaMemoryMib,
                p.replicasPerNode(),
                p.replicasPerNodeLimitedBy(),
                min,
                forPeak,
                max,
                onePerNode ? min : p.nodesMin(),
                onePerNode ? Math.max(min, forPeak) : p.nodesForPeak(),
                onePerNode ? max : Math.max(p.nodesMax(), p.nodesForPeak()),
                cpuTarget,
                pool,
                "",
                0,
                0,
                p.sustainedUtilization(),
                p.cost(),
                List.of(),
                p.reasons());
    }

    /** A service's sidecars as the single-service sizer takes them. */
    static SidecarRequests sidecars(ServiceSpec s) {
        return SidecarRequests.ofMillicores(s.sidecarCpuMillicores(), s.sidecarMemoryMib());
    }

    /**
     * The CPU target of a Fargate task, whose metric is the task's CPU: the service's target on its
     * share, as a fraction of the task, rounded down to a whole percent (a higher setting would let
     * the service pass its own target). Equal to the service's target without sidecars.
     */
    static double taskCpuTarget(double serviceTarget, double serviceCores, FargateTaskSize task) {
        return Math.floor(serviceTarget * serviceCores / task.vcpus() * 100 + 1e-9) / 100;
    }

    private static String survive(ServiceSpec s) {
        return s.request().survive().name().toLowerCase(java.util.Locale.ROOT) + " loss";
    }

    static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
