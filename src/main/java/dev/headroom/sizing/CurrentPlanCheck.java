package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Checks the user's current plan against the measurements, with the same rules the sizer plans by. */
final class CurrentPlanCheck {
    private CurrentPlanCheck() {}

    static Plan check(
            SizingRequest.CurrentPlan plan,
            PlanInputs in,
            ScaleOut scaleOut,
            InstanceCatalog instances,
            DbClassCatalog dbClasses,
            SizingLog log) {
        SizingRequest r = in.request();
        List<String> violations = new ArrayList<>();
        Decision.Builder d = Decision.named("current_plan");
        Optional<InstanceType> type = plan.instanceType().map(instances::byName);
        double speed = type.map(t -> in.speedOf(t.coremarkPerVcpu())).orElse(1.0);
        double cores = r.platform() == Platform.EC2_ASG && type.isPresent()
                ? type.get().vcpus()
                : in.replicaCpuCores();
        double atCeiling = in.rpsAtCeiling(cores, speed);
        int maxReplicas = plan.maxReplicas().orElse(0);
        d.input("instance_type", plan.instanceType().orElse("not given"))
                .input("max_replicas", maxReplicas)
                .input(
                        "pool_size",
                        plan.poolSize().isPresent() ? plan.poolSize().getAsInt() : "not given")
                .input("db_class", plan.dbClass().orElse("not given"))
                .input("cpu_target_utilization", plan.cpuTargetUtilization());

        // Capacity: can max replicas carry the peak within the SLO?
        if (maxReplicas > 0) {
            double carries = maxReplicas * atCeiling;
            d.result("max_replicas_carry_rps", carries);
            if (carries < r.peakRps()) {
                String m = String.format(
                        "%d replicas carry %.0f req/s within the SLO (%.0f each), short of the %.0f req/s peak",
                        maxReplicas, carries, atCeiling, r.peakRps());
                violations.add(m);
                log.find(Finding.error(FindingCode.PLAN_CAPACITY_SHORT, "current plan: " + m));
            }
        }

        // Connection budget.
        int pool = plan.poolSize().orElse(DatabaseChoice.HIKARI_DEFAULT_POOL);
        Optional<DbClass> db = plan.dbClass().map(dbClasses::byName);
        OptionalInt configured = plan.dbMaxConnections().isPresent()
                ? plan.dbMaxConnections()
                : r.database().maxConnections();
        Optional<MaxConnections> maxConn = configured.isPresent()
                ? Optional.of(db.map(c -> RdsMaxConnections.configured(c, configured.getAsInt()))
                        .orElse(new MaxConnections(
                                configured.getAsInt(), configured.getAsInt(), "the configured max_connections")))
                : db.map(RdsMaxConnections::estimate);
        if (maxReplicas > 0 && maxConn.isPresent()) {
            int reserved = r.database().reservedConnections();
            int surge = Rollout.surgeReplicas(r.platform(), maxReplicas);
            int needed = ConnectionPool.connectionsNeeded(maxReplicas, surge, pool, reserved);
            d.result("connections_needed", needed)
                    .result("db_max_connections", maxConn.get().value());
            if (needed > maxConn.get().value()) {
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
                                        in,
                                        r.platform(),
                                        maxReplicas,
                                        pool,
                                        reserved,
                                        maxConn.get().value(),
                                        atCeiling,
                                        dbClasses)));
                violations.add(m);
                log.find(Finding.error(FindingCode.DB_CONNECTION_BUDGET_EXCEEDED, "current plan: " + m));
            }
        }

        // Autoscaling threshold.
        double safe =
                Math.min(in.ceilingUtilization(), scaleOut.maxTarget(in.ceilingUtilization(), r.growthPerMinute()));
        d.result("safe_cpu_target_utilization", safe);
        if (plan.cpuTargetUtilization() > safe + 1e-9) {
            String m = String.format(
                    "a %.0f %% CPU trigger is above the safe %.0f %%: the SLO held up to %.0f %% CPU, and with a %.0f s"
                            + " scale-out lag it absorbs only %.1f %%/min of growth (the request expects %.0f %%/min)",
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

        // Burstable baseline: an autoscaled fleet under sustained load hovers at its CPU target.
        double sustained = Double.NaN;
        if (type.isPresent()) {
            InstanceType t = type.get();
            double load = Double.isNaN(r.baselineRps()) ? r.peakRps() : r.baselineRps();
            // The plan's own trigger sizes its fleet: it adds capacity only above its CPU target.
            double perReplicaRps = Math.max(1e-9, in.appDemand().rpsAt(cores, plan.cpuTargetUtilization(), speed));
            int replicas = Math.max(plan.minReplicas().orElse(1), (int) Math.ceil(load / perReplicaRps));
            if (maxReplicas > 0) replicas = Math.min(replicas, maxReplicas);
            double used = (replicas * in.appDemand().backgroundCores()
                            + load * in.appDemand().cpuSecondsPerRequest())
                    / speed;
            // On EKS the pods share nodes: credits are earned and spent per node vCPU.
            int nodes = replicas;
            if (r.platform() == Platform.EKS) {
                int perNode = EksNodeCapacity.podsPerNode(
                                t, cores, in.replicaMemoryMibWhole(), DaemonOverhead.eksDefault())
                        .pods();
                nodes = perNode < 1 ? replicas : (replicas + perNode - 1) / perNode;
            }
            sustained = Math.min(1.0, used / (nodes * (r.platform() == Platform.ECS_FARGATE ? cores : t.vcpus())));
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
        }
        log.decide(d.formula("the same rules as the recommendation: capacity at the SLO ceiling, (max replicas + surge)"
                        + " x pool + reserved <= max_connections, the safe CPU target, the credit baseline")
                .because(violations.isEmpty() ? "The current plan meets every check." : String.join(" ", violations)));
        return new Plan(
                r.platform(),
                plan.instanceType().orElse("current"),
                cores,
                in.replicaMemoryMib(),
                1,
                "current plan",
                plan.minReplicas().orElse(0),
                (int) Math.ceil(r.peakRps() / Math.max(1e-9, in.rpsAtTarget(cores, speed))),
                maxReplicas,
                0,
                0,
                0,
                plan.cpuTargetUtilization(),
                pool,
                plan.dbClass().orElse(""),
                maxConn.map(MaxConnections::value).orElse(0),
                maxReplicas > 0
                        ? ConnectionPool.connectionsNeeded(
                                maxReplicas,
                                Rollout.surgeReplicas(r.platform(), maxReplicas),
                                pool,
                                r.database().reservedConnections())
                        : 0,
                sustained,
                new Plan.Cost(Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                violations);
    }
}
