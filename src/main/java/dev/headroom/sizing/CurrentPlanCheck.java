package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checks the user's current plan against the measurements, with the same rules the sizer plans by.
 * Each check runs on the figures it needs and no more: the connection budget needs only the plan
 * itself, so a steps.csv of throughput alone still catches "15 pods x pool 10 on a db.t3.small".
 * A check whose figures are missing is named as not checked, never passed.
 */
final class CurrentPlanCheck {
    private CurrentPlanCheck() {}

    /**
     * What the sizer knows when it checks a plan; NaN and empty mean not measured.
     *
     * @param holdSeconds connection hold time over the unsaturated steps
     * @param ceilingUtilization the service's CPU utilization at which the SLO held
     */
    record Known(
            SizingRequest request,
            Optional<ServiceDemand> app,
            Optional<ServiceDemand> db,
            double holdSeconds,
            double replicaCpuCores,
            double replicaMemoryMib,
            double ceilingUtilization,
            double testCoremarkPerVcpu) {
        double speedOf(double coremarkPerVcpu) {
            return PlanInputs.speed(testCoremarkPerVcpu, coremarkPerVcpu);
        }
    }

    static Plan check(
            SizingRequest.CurrentPlan plan,
            Known in,
            ScaleOut scaleOut,
            InstanceCatalog instances,
            DbClassCatalog dbClasses,
            SizingLog log) {
        SizingRequest r = in.request();
        List<String> violations = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        Decision.Builder d = Decision.named("current_plan");
        Optional<InstanceType> type = plan.instanceType().map(instances::byName);
        double speed = type.map(t -> in.speedOf(t.coremarkPerVcpu())).orElse(1.0);
        double cores = r.platform() == Platform.EC2_ASG && type.isPresent()
                ? type.get().vcpus()
                : in.replicaCpuCores();
        double atCeiling = in.app().isPresent() && !Double.isNaN(in.ceilingUtilization()) && !Double.isNaN(cores)
                ? in.app().get().rpsAt(cores, in.ceilingUtilization(), speed)
                : Double.NaN;
        int maxReplicas = plan.maxReplicas().orElse(0);
        d.input("instance_type", plan.instanceType().orElse("not given"))
                .input("nodes", plan.nodes().isPresent() ? plan.nodes().getAsInt() : "not given")
                .input("max_replicas", maxReplicas)
                .input(
                        "pool_size",
                        plan.poolSize().isPresent() ? plan.poolSize().getAsInt() : "not given")
                .input("db_class", plan.dbClass().orElse("not given"))
                .input("cpu_target_utilization", plan.cpuTargetUtilization());

        // Capacity: can max replicas carry the peak within the SLO?
        if (maxReplicas > 0 && !Double.isNaN(atCeiling)) {
            double carries = maxReplicas * atCeiling;
            d.result("max_replicas_carry_rps", carries);
            if (carries < r.peakRps()) {
                String m = String.format(
                        "%d replicas carry %.0f req/s within the SLO (%.0f each), short of the %.0f req/s peak",
                        maxReplicas, carries, atCeiling, r.peakRps());
                violations.add(m);
                log.find(Finding.error(FindingCode.PLAN_CAPACITY_SHORT, "current plan: " + m));
            }
        } else if (maxReplicas > 0) {
            notChecked.add("whether max replicas carry the peak (needs the service's CPU per request and the"
                    + " utilization at which the SLO held)");
        }

        int pool = plan.poolSize().orElse(DatabaseChoice.HIKARI_DEFAULT_POOL);
        Optional<DbClass> db = plan.dbClass().map(dbClasses::byName);
        Optional<MaxConnections> maxConn = maxConnections(plan, r, db);
        checkConnections(plan, in, db, maxConn, maxReplicas, pool, atCeiling, dbClasses, d, violations, log);
        if (maxReplicas == 0 || maxConn.isEmpty())
            notChecked.add("the connection budget (needs max_replicas and a db_class or max_connections)");

        // Autoscaling threshold.
        if (!Double.isNaN(in.ceilingUtilization())) {
            double safe =
                    Math.min(in.ceilingUtilization(), scaleOut.maxTarget(in.ceilingUtilization(), r.growthPerMinute()));
            d.result("safe_cpu_target_utilization", safe);
            if (plan.cpuTargetUtilization() > safe + 1e-9) {
                String m = String.format(
                        "a %.0f %% CPU trigger is above the safe %.0f %%: the SLO held up to %.0f %% CPU, and with a"
                                + " %.0f s scale-out lag it absorbs only %.1f %%/min of growth (the request expects"
                                + " %.0f %%/min)",
                        plan.cpuTargetUtilization() * 100,
                        safe * 100,
                        in.ceilingUtilization() * 100,
                        scaleOut.lagSeconds(),
                        Math.max(
                                        0,
                                        scaleOut.absorbableGrowthPerMinute(
                                                plan.cpuTargetUtilization(), in.ceilingUtilization()))
                                * 100,
                        r.growthPerMinute() * 100);
                violations.add(m);
                log.find(Finding.error(FindingCode.AUTOSCALE_THRESHOLD_TOO_HIGH, "current plan: " + m));
            }
        } else {
            notChecked.add("the CPU trigger (needs the service's CPU at the highest step within the SLO)");
        }

        double sustained = Double.NaN;
        if (type.isPresent() && in.app().isPresent() && !Double.isNaN(cores)) {
            sustained = checkInstanceBaseline(plan, in, type.get(), cores, speed, maxReplicas, d, violations, log);
        } else if (type.isPresent()) {
            notChecked.add("the instance's CPU credit baseline (needs the service's CPU per request)");
        }
        checkDatabaseCpu(in, db, d, violations, notChecked, log);
        checkNodes(plan, in, type, maxReplicas, d, violations, notChecked, log);

        d.result("not_checked", notChecked);
        log.decide(d.formula("the same rules as the recommendation: capacity at the SLO ceiling, (max replicas + surge)"
                        + " x pool + reserved <= max_connections, the safe CPU target, the credit baselines of the"
                        + " instances and the DB class, the DB CPU at the peak, pods per node x nodes")
                .because((violations.isEmpty()
                                ? "The current plan meets every check made."
                                : String.join(" ", violations))
                        + (notChecked.isEmpty() ? "" : " Not checked: " + String.join("; ", notChecked) + ".")));
        int forPeak = Double.isNaN(atCeiling) || !(in.app().isPresent())
                ? 0
                : (int) Math.min(
                        Integer.MAX_VALUE,
                        Math.ceil(r.peakRps()
                                / Math.max(1e-9, in.app().get().rpsAt(cores, plan.cpuTargetUtilization(), speed))));
        return Plan.builder()
                .platform(r.platform())
                .capacityType(plan.instanceType().orElse("current"))
                .replicaCpuCores(Double.isNaN(cores) ? 0 : cores)
                .replicaMemoryMib(in.replicaMemoryMib())
                .replicasPerNode(1)
                .replicasPerNodeLimitedBy("current plan")
                .minReplicas(plan.minReplicas().orElse(0))
                .replicasForPeak(forPeak)
                .maxReplicas(maxReplicas)
                .nodesMin(0)
                .nodesForPeak(plan.nodes().orElse(0))
                .nodesMax(0)
                .cpuTargetUtilization(plan.cpuTargetUtilization())
                .poolSize(pool)
                .dbClass(plan.dbClass().orElse(""))
                .dbMaxConnections(maxConn.map(MaxConnections::value).orElse(0))
                .connectionsNeeded(
                        maxReplicas > 0
                                ? DatabaseChoice.connections(
                                        r.platform(),
                                        maxReplicas,
                                        pool,
                                        r.database().reservedConnections())
                                : 0)
                .sustainedUtilization(sustained)
                .cost(new Plan.Cost(Double.NaN, Double.NaN, Double.NaN, Double.NaN))
                .violations(violations)
                .reasons(Plan.Reasons.NONE)
                .build();
    }

    private static Optional<MaxConnections> maxConnections(
            SizingRequest.CurrentPlan plan, SizingRequest r, Optional<DbClass> db) {
        OptionalInt configured = plan.dbMaxConnections().isPresent()
                ? plan.dbMaxConnections()
                : r.database().maxConnections();
        if (configured.isPresent())
            return Optional.of(db.map(c -> RdsMaxConnections.configured(c, configured.getAsInt()))
                    .orElse(new MaxConnections(
                            configured.getAsInt(), configured.getAsInt(), "the configured max_connections")));
        return db.map(RdsMaxConnections::estimate);
    }

    /** (max replicas + rollout surge) x pool + reserved against max_connections: needs no measurement. */
    private static void checkConnections(
            SizingRequest.CurrentPlan plan,
            Known in,
            Optional<DbClass> db,
            Optional<MaxConnections> maxConn,
            int maxReplicas,
            int pool,
            double atCeiling,
            DbClassCatalog dbClasses,
            Decision.Builder d,
            List<String> violations,
            SizingLog log) {
        SizingRequest r = in.request();
        if (maxReplicas == 0 || maxConn.isEmpty()) return;
        int reserved = r.database().reservedConnections();
        int surge = Rollout.surgeReplicas(r.platform(), maxReplicas);
        int needed = ConnectionPool.connectionsNeeded(maxReplicas, surge, pool, reserved);
        d.result("connections_needed", needed)
                .result("db_max_connections", maxConn.get().value());
        if (needed <= maxConn.get().value()) return;
        String m = String.format(
                "%d replicas (+%d rollout surge) x pool %d + %d reserved = %d connections, over the %d"
                        + " max_connections of %s (%s). Fix: %s",
                maxReplicas,
                surge,
                pool,
                reserved,
                needed,
                maxConn.get().value(),
                plan.dbClass().orElse("the database"),
                maxConn.get().basis(),
                String.join(
                        "; or ",
                        ConnectionFixes.suggest(
                                r,
                                in.holdSeconds(),
                                maxReplicas,
                                pool,
                                maxConn.get().value(),
                                atCeiling,
                                dbClasses)));
        violations.add(m);
        log.find(Finding.error(FindingCode.DB_CONNECTION_BUDGET_EXCEEDED, "current plan: " + m));
    }

    /** An autoscaled fleet under sustained load hovers at its CPU target: above a credit baseline, it pays. */
    private static double checkInstanceBaseline(
            SizingRequest.CurrentPlan plan,
            Known in,
            InstanceType t,
            double cores,
            double speed,
            int maxReplicas,
            Decision.Builder d,
            List<String> violations,
            SizingLog log) {
        SizingRequest r = in.request();
        ServiceDemand app = in.app().get();
        double load = Double.isNaN(r.baselineRps()) ? r.peakRps() : r.baselineRps();
        // The plan's own trigger sizes its fleet: it adds capacity only above its CPU target.
        double perReplicaRps = Math.max(1e-9, app.rpsAt(cores, plan.cpuTargetUtilization(), speed));
        int replicas = (int)
                Math.min(Integer.MAX_VALUE, Math.max(plan.minReplicas().orElse(1), Math.ceil(load / perReplicaRps)));
        if (maxReplicas > 0) replicas = Math.min(replicas, maxReplicas);
        double used = (replicas * app.backgroundCores() + load * app.cpuSecondsPerRequest()) / speed;
        // On EKS the pods share nodes: credits are earned and spent per node vCPU.
        int nodes = replicas;
        if (r.platform() == Platform.EKS && !Double.isNaN(in.replicaMemoryMib())) {
            int perNode = EksNodeCapacity.podsPerNode(
                            t, cores, (int) Math.ceil(in.replicaMemoryMib()), DaemonOverhead.eksDefault())
                    .pods();
            nodes = perNode < 1 ? replicas : (replicas + perNode - 1) / perNode;
        }
        double sustained = Math.min(1.0, used / (nodes * (r.platform() == Platform.ECS_FARGATE ? cores : t.vcpus())));
        d.result("sustained_utilization", sustained);
        if (t.burstable() && sustained > t.baselineCpuFraction()) {
            double surplus = (sustained - t.baselineCpuFraction())
                    * t.vcpus()
                    * nodes
                    * Plan.Cost.HOURS_PER_MONTH
                    * t.surplusCreditUsdPerVcpuHour().orElse(Double.NaN);
            String m = String.format(
                    "a %s earns credits for %.0f %% CPU per vCPU but would run at %.0f %% sustained: in unlimited"
                            + " mode that bills about %.2f USD/month of surplus credits, in standard mode it is"
                            + " throttled to the baseline",
                    t.name(), t.baselineCpuFraction() * 100, sustained * 100, surplus);
            violations.add(m);
            log.find(Finding.error(FindingCode.BURSTABLE_BASELINE_EXCEEDED, "current plan: " + m));
        }
        return sustained;
    }

    /** The current DB class's CPU: at the peak against the request's target, all day against its credits. */
    private static void checkDatabaseCpu(
            Known in,
            Optional<DbClass> db,
            Decision.Builder d,
            List<String> violations,
            List<String> notChecked,
            SizingLog log) {
        if (db.isEmpty()) return;
        if (in.db().isEmpty()) {
            notChecked.add("the DB class's CPU (db_cpu_cores not measured)");
            return;
        }
        SizingRequest r = in.request();
        DbClass c = db.get();
        ServiceDemand demand = in.db().get();
        double speed = in.speedOf(c.hardware().coremarkPerVcpu());
        double target = r.database().targetCpuUtilization();
        double atPeak = demand.coresAt(r.peakRps()) / (speed * c.vcpus());
        d.result("db_cpu_utilization_at_peak", atPeak);
        if (atPeak > target) {
            String m = String.format(
                    "%s would run at %.0f %% CPU at the %.0f req/s peak, above the %.0f %% target for the database;"
                            + " it needs %.2f vCPU there, it has %d",
                    c.name(),
                    atPeak * 100,
                    r.peakRps(),
                    target * 100,
                    demand.coresFor(r.peakRps(), target, speed),
                    c.vcpus());
            violations.add(m);
            log.find(Finding.error(FindingCode.PLAN_CAPACITY_SHORT, "current plan: " + m));
        }
        double sustainedRps = Double.isNaN(r.baselineRps()) ? r.peakRps() : r.baselineRps();
        double sustained = demand.coresAt(sustainedRps) / (speed * c.vcpus());
        d.result("db_sustained_utilization", sustained);
        if (c.burstable() && sustained > c.baselineCpuFraction()) {
            String m = String.format(
                    "%s earns CPU credits for %.0f %% per vCPU but would run at %.0f %% sustained (at %.0f req/s):"
                            + " it spends its credits and then, in standard mode, is throttled to the baseline",
                    c.name(), c.baselineCpuFraction() * 100, sustained * 100, sustainedRps);
            violations.add(m);
            log.find(Finding.error(FindingCode.BURSTABLE_BASELINE_EXCEEDED, "current plan: " + m));
        }
    }

    /** On EKS: do the plan's nodes hold its max replicas, pods per node by the same rules as a plan? */
    private static void checkNodes(
            SizingRequest.CurrentPlan plan,
            Known in,
            Optional<InstanceType> type,
            int maxReplicas,
            Decision.Builder d,
            List<String> violations,
            List<String> notChecked,
            SizingLog log) {
        if (plan.nodes().isEmpty()) return;
        SizingRequest r = in.request();
        if (r.platform() != Platform.EKS) {
            notChecked.add("nodes (on " + r.platform().key() + " one replica is one instance or task: max_replicas"
                    + " is the count)");
            return;
        }
        if (type.isEmpty()
                || maxReplicas == 0
                || Double.isNaN(in.replicaCpuCores())
                || Double.isNaN(in.replicaMemoryMib())) {
            notChecked.add("nodes (needs instance_type, max_replicas and the pod's CPU and memory)");
            return;
        }
        PodsPerNode fit = EksNodeCapacity.podsPerNode(
                type.get(), in.replicaCpuCores(), (int) Math.ceil(in.replicaMemoryMib()), DaemonOverhead.eksDefault());
        int nodes = plan.nodes().getAsInt();
        long holds = (long) nodes * fit.pods();
        d.result("pods_per_node", fit.pods()).result("nodes_hold_pods", holds);
        if (holds < maxReplicas) {
            int needed = fit.pods() < 1 ? 0 : (maxReplicas + fit.pods() - 1) / fit.pods();
            String m = String.format(
                    "%d x %s hold %d pods of %s vCPU and %.0f MiB (%d per node, limited by %s), short of the %d max"
                            + " replicas: %s",
                    nodes,
                    type.get().name(),
                    holds,
                    PlanBuilder.trim(in.replicaCpuCores()),
                    in.replicaMemoryMib(),
                    fit.pods(),
                    fit.limitedBy().key(),
                    maxReplicas,
                    fit.pods() < 1
                            ? "not one pod fits on a " + type.get().name()
                            : "the node group needs " + needed + " nodes, or the cluster autoscaler a max of at"
                                    + " least that");
            violations.add(m);
            log.find(Finding.error(FindingCode.PLAN_CAPACITY_SHORT, "current plan: " + m));
        }
    }
}
