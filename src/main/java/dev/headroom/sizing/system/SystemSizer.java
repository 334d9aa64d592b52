package dev.headroom.sizing.system;

import dev.headroom.sizing.DbClass;
import dev.headroom.sizing.DbClassCatalog;
import dev.headroom.sizing.Finding;
import dev.headroom.sizing.FindingCode;
import dev.headroom.sizing.InstanceCatalog;
import dev.headroom.sizing.InstanceType;
import dev.headroom.sizing.Plan;
import dev.headroom.sizing.Platform;
import dev.headroom.sizing.PriceTable;
import dev.headroom.sizing.Sizer;
import dev.headroom.sizing.Sizing;
import dev.headroom.sizing.system.SystemSizing.DatabasePlan;
import dev.headroom.sizing.system.SystemSizing.NodeGroupPlan;
import dev.headroom.sizing.system.SystemSizing.ServicePlan;
import dev.headroom.sizing.system.SystemSpec.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sizes a system: every service alone first (the single-service {@link Sizer}, from its own run),
 * then what they share: the node groups (EKS), the databases, the deployment's surge.
 */
public final class SystemSizer {
    private final InstanceCatalog instances;
    private final DbClassCatalog dbClasses;
    private final PriceTable prices;
    private final RdsPrices rdsPrices;

    public SystemSizer(InstanceCatalog instances, DbClassCatalog dbClasses, PriceTable prices, RdsPrices rdsPrices) {
        this.instances = instances;
        this.dbClasses = dbClasses;
        this.prices = prices;
        this.rdsPrices = rdsPrices;
    }

    public SystemSizing size(SystemSpec spec) {
        Sizer sizer = new Sizer(instances, dbClasses, prices);
        Map<String, Sizing> sizings = new LinkedHashMap<>();
        for (ServiceSpec s : spec.services())
            // On Fargate a sidecar shares the task, so the task is sized for both and the service's
            // counts are made on its share; on EKS a pod with its sidecars beside its node group's
            // DaemonSets sets how many a node holds, and so the spare that rides out a node's loss.
            sizings.put(
                    s.name(),
                    sizer.size(
                            s.steps(),
                            s.testBed(),
                            s.request(),
                            s.searchEnd(),
                            s.warmup(),
                            ServicePlanner.sidecars(s),
                            spec.platform() == Platform.EKS
                                    ? spec.nodeGroup(s.nodeGroup()).daemons()
                                    : dev.headroom.sizing.DaemonOverhead.eksDefault()));

        double testCoremark = spec.services().stream()
                .map(s -> s.request().testHost().equivalentInstanceType())
                .flatMap(Optional::stream)
                .findFirst()
                .flatMap(instances::find)
                .map(InstanceType::coremarkPerVcpu)
                .orElse(Double.NaN);
        Map<String, ServicePlan> plans = new LinkedHashMap<>();
        List<NodeGroupPlan> groups = new ArrayList<>();
        double compute = 0;
        double controlPlane = 0;
        if (spec.platform() == Platform.EKS) {
            for (SystemSpec.NodeGroupSpec g : spec.nodeGroups()) {
                NodeGroupSizer.Result r = NodeGroupSizer.size(spec, g, sizings, instances, prices, testCoremark);
                groups.add(r.plan());
                compute += r.plan().usdPerMonth();
                r.chosen().ifPresent(c -> c.services().forEach(p -> plans.put(p.name(), p)));
            }
            controlPlane = prices.eksCluster()
                    .map(p -> p.usdPerHour() * Plan.Cost.HOURS_PER_MONTH)
                    .orElse(Double.NaN);
        } else {
            for (ServiceSpec s : spec.services()) {
                Sizing sizing = sizings.get(s.name());
                Optional<Plan> p = ServicePlanner.singlePlan(sizing, spec.platform(), "");
                ServicePlan plan = p.map(x -> ServicePlanner.plan(s, sizing, x))
                        .orElseGet(() -> ServicePlanner.unplanned(
                                s, sizing, ServicePlanner.whyNot(sizing, spec.platform(), "")));
                plans.put(s.name(), plan);
                compute += taskUsd(plan);
            }
        }
        List<ServicePlan> services = new ArrayList<>();
        for (ServiceSpec s : spec.services())
            services.add(withColdStart(plans.getOrDefault(
                    s.name(),
                    ServicePlanner.unplanned(
                            s, sizings.get(s.name()), "its node group " + s.nodeGroup() + " has no plan"))));

        List<DatabasePlan> databases = new ArrayList<>();
        List<Finding> incomplete = new ArrayList<>();
        double db = 0;
        List<DbClass> catalog = dbClasses.all();
        for (SystemSpec.DatabaseSpec d : spec.databases()) {
            List<ServicePlan> connecting = services.stream()
                    .filter(p ->
                            p.planned() && p.database().filter(d.name()::equals).isPresent())
                    .toList();
            // An unplanned service still opens its pool against this database at run time: its
            // connections and database work cannot be counted without its replica counts, so the
            // budget and the class below are a lower bound, and say so.
            List<String> unplanned = services.stream()
                    .filter(p -> !p.planned()
                            && p.database().filter(d.name()::equals).isPresent())
                    .map(ServicePlan::name)
                    .toList();
            if (!unplanned.isEmpty())
                incomplete.add(Finding.warning(
                        FindingCode.DATABASE_BUDGET_INCOMPLETE,
                        "database " + d.name() + ": " + String.join(", ", unplanned) + " connect to it but have no"
                                + " plan, so their connections (max replicas x pool) and database CPU are not in its"
                                + " connection budget or its class: both are lower bounds until they are planned"));
            DatabasePlan plan = DatabaseSizer.size(d, connecting, spec.deployment(), catalog, rdsPrices, testCoremark);
            databases.add(plan);
            // A database with no class chosen has its own finding; it is not an unknown price.
            if (plan.dbClass().isPresent()) db += plan.usdPerMonth();
            else
                incomplete.add(Finding.info(
                        FindingCode.PRICES_UNAVAILABLE,
                        "database " + d.name() + " has no class chosen (see its findings): the system's monthly"
                                + " total leaves it out"));
        }
        List<Finding> findings = new ArrayList<>(incomplete);
        if (spec.platform() == Platform.EKS
                && (spec.deployment().strategy() != SystemSpec.Deployment.Strategy.ROLLING
                        || Math.abs(spec.deployment().maxSurgeFraction() - 0.25) > 1e-9))
            findings.add(Finding.warning(
                    FindingCode.DEPLOYMENT_STRATEGY_NOT_IN_MANIFESTS,
                    "the connection budget counts " + spec.deployment().describe() + ", but the Kubernetes manifests"
                            + " are written with Kubernetes' default maxSurge 25 %: set the Deployments' strategy to"
                            + " match, or the budget and the rollout disagree"));
        if (Double.isNaN(compute) || Double.isNaN(db) || Double.isNaN(controlPlane))
            findings.add(Finding.info(
                    FindingCode.PRICES_UNAVAILABLE,
                    "some parts have no price in the catalog or the price file: the total leaves them out"));
        return new SystemSizing(spec, services, groups, databases, compute, controlPlane, db, findings);
    }

    /** The cold-start trade-off, priced per task on Fargate; on EKS a pod has no price of its own. */
    private ServicePlan withColdStart(ServicePlan p) {
        double perReplica = !p.planned() || p.taskCpuUnits() == 0
                ? Double.NaN
                : prices.fargate(dev.headroom.sizing.Arch.X86_64)
                        .map(r -> r.taskUsdPerHour(
                                new dev.headroom.sizing.FargateTaskSize(p.taskCpuUnits(), p.taskMemoryMib())))
                        .orElse(Double.NaN);
        return ColdStart.decide(p, perReplica);
    }

    /** Fargate: every task at the peak all month, as the single-service plans are costed. */
    private double taskUsd(ServicePlan p) {
        if (!p.planned()) return Double.NaN;
        return prices.fargate(dev.headroom.sizing.Arch.X86_64)
                .map(r -> r.taskUsdPerHour(new dev.headroom.sizing.FargateTaskSize(p.taskCpuUnits(), p.taskMemoryMib()))
                        * p.replicasAtPeak()
                        * Plan.Cost.HOURS_PER_MONTH)
                .orElse(Double.NaN);
    }
}
