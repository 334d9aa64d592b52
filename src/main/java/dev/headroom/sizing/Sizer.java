package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * From measured steps and a request to ranked plans, in the order a capacity planner reasons:
 * what the service carried, how it scales, what a request costs, how fast capacity can follow
 * load, and then which fleet and database carry the peak for the least money.
 */
public final class Sizer {
    private final InstanceCatalog instances;
    private final DbClassCatalog dbClasses;
    private final PriceTable prices;

    public Sizer(InstanceCatalog instances, DbClassCatalog dbClasses, PriceTable prices) {
        this.instances = instances;
        this.dbClasses = dbClasses;
        this.prices = prices;
    }

    public Sizing size(List<MeasuredStep> steps, TestBed bed, SizingRequest request) {
        return size(
                steps,
                bed,
                request,
                Optional.empty(),
                Optional.empty(),
                SidecarRequests.NONE,
                DaemonOverhead.eksDefault());
    }

    /**
     * @param searchEnd how the run's capacity search ended (run.json's {@code search.status}), when
     *     the steps are its trials; a search that did not end {@code found} has a lower bound
     */
    public Sizing size(List<MeasuredStep> steps, TestBed bed, SizingRequest request, Optional<SearchEnd> searchEnd) {
        return size(
                steps, bed, request, searchEnd, Optional.empty(), SidecarRequests.NONE, DaemonOverhead.eksDefault());
    }

    /**
     * As {@link #size(List, TestBed, SizingRequest, Optional)}, with how the search's warm-up
     * ended (run.json's {@code warmup}): one that did not settle is a finding.
     */
    public Sizing size(
            List<MeasuredStep> steps,
            TestBed bed,
            SizingRequest request,
            Optional<SearchEnd> searchEnd,
            Optional<WarmupEnd> warmup) {
        return size(steps, bed, request, searchEnd, warmup, SidecarRequests.NONE, DaemonOverhead.eksDefault());
    }

    /**
     * As {@link #size(List, TestBed, SizingRequest)}, for a replica with sidecars beside other
     * DaemonSets than EKS's own: on ECS Fargate the task holds the service and its sidecars, and the
     * service's throughput is counted on the task's CPU less the sidecars' ({@code
     * PlanBuilder#fargate}); on EKS a pod is the service container with its sidecars, and a node
     * holds as many as fit beside {@code daemons}, which sets the node spare ({@code
     * PlanBuilder#onNodes}).
     */
    public Sizing size(
            List<MeasuredStep> steps,
            TestBed bed,
            SizingRequest request,
            SidecarRequests sidecars,
            DaemonOverhead daemons) {
        return size(steps, bed, request, Optional.empty(), Optional.empty(), sidecars, daemons);
    }

    /**
     * Everything at once: a service of a system ({@code SystemSizer}) is sized from its own run,
     * with its search's and warm-up's ends as for one service, and its sidecars and DaemonSets.
     */
    public Sizing size(
            List<MeasuredStep> steps,
            TestBed bed,
            SizingRequest request,
            Optional<SearchEnd> searchEnd,
            Optional<WarmupEnd> warmup,
            SidecarRequests sidecars,
            DaemonOverhead daemons) {
        SizingLog log = new SizingLog();
        Capacity capacity = MeasuredCapacity.decide(steps, request, searchEnd, log);
        WarmupEnd.findings(warmup, capacity.capacityAtSloRps(), log);
        Bottleneck bottleneck = Bottleneck.decide(steps, capacity, bed, log);
        Optional<UslFitResult> usl = ScalabilityModel.decide(steps, capacity, log);
        List<MeasuredStep> unsaturated = unsaturated(steps, capacity, request.slo());
        Optional<ServiceDemand> app =
                Demands.decide("service_demand", steps, unsaturated, capacity, MeasuredStep::appCpuCores, log);
        Optional<ServiceDemand> db =
                Demands.decide("db_demand", steps, unsaturated, capacity, MeasuredStep::dbCpuCores, log);
        double testCoremark = SpeedFactor.decide(request.testHost(), bed, instances, log);
        double replicaCpu = Replica.cpuCores(request, bed, log);
        double replicaMemory = Replica.memoryMib(request, steps, bed, log);
        double ceiling = Replica.ceilingUtilization(capacity, bed, bottleneck, log);
        ScaleOut scaleOut = ScaleOut.of(request.platform(), request.scaling());
        double target = Autoscaling.decide(request, scaleOut, ceiling, log);
        double hold = holdSeconds(unsaturated);

        List<Plan> plans = List.of();
        Optional<Plan> current = Optional.empty();
        Optional<Plan> sameArchitecture = Optional.empty();
        if (!request.hasPeak()) {
            String why = "no peak load was given (peak.rps, or peak.users and peak.think_time_s, or --peak-rps):"
                    + " capacity, the knee, the USL, demand and the bottleneck are written; plans, the pool, the DB"
                    + " class and the Terraform variables need a peak";
            log.decide(Decision.notEvaluated("plans", why));
            log.find(Finding.info(FindingCode.PEAK_NOT_GIVEN, why));
        } else {
            if (app.isEmpty()
                    || Double.isNaN(replicaCpu)
                    || Double.isNaN(replicaMemory)
                    || Double.isNaN(ceiling)
                    || Double.isNaN(target)) {
                log.decide(Decision.notEvaluated(
                        "plans",
                        "plans need the service's CPU per request, the replica's CPU and memory, and the utilization"
                                + " at which the SLO held; see the decisions above for which is missing"));
            } else {
                PlanInputs in = new PlanInputs(
                        request, app.get(), db, hold, replicaCpu, replicaMemory, ceiling, target, testCoremark);
                List<DbClass> dbCandidates = request.database().classes().isEmpty()
                        ? dbClasses.all()
                        : request.database().classes().stream()
                                .map(dbClasses::byName)
                                .toList();
                Function<PlanInputs, List<Plan>> plansFor = x -> rank(
                        instances,
                        new PlanBuilder(x, instances, prices, dbCandidates, bed.poolSize(), sidecars, daemons)
                                .candidates());
                plans = plansFor.apply(in);
                Ranking.explain(plans, request, prices, usl, log);
                Optional<Plan> best = plans.stream().filter(Plan::feasible).findFirst();
                best.filter(p ->
                                request.platform() != Platform.EKS && Math.abs(p.replicaCpuCores() - replicaCpu) > 1e-9)
                        .ifPresent(p -> log.find(Finding.warning(
                                FindingCode.EXTRAPOLATION_BEYOND_MEASURED,
                                String.format(
                                        "each %s replica gets %s vCPU, the test measured %s: its throughput is"
                                                + " predicted by the utilization law",
                                        p.capacityType(), p.replicaCpuCores(), replicaCpu))));
                best.ifPresent(p -> PoolAndDatabaseDecision.log(p, in, log));
                best.ifPresent(p -> PlanPerTrial.decide(
                        capacity,
                        in,
                        p,
                        bed.serviceCpuCores(),
                        c -> Autoscaling.target(request, scaleOut, c),
                        other -> plansFor.apply(other).stream()
                                .filter(Plan::feasible)
                                .findFirst(),
                        log));
                List<Plan> ranked = plans;
                sameArchitecture =
                        best.flatMap(p -> Architectures.check(p, ranked, testArch(request, bed), instances, log));
            }
            current = request.currentPlan()
                    .map(p -> CurrentPlanCheck.check(
                            p,
                            new CurrentPlanCheck.Known(
                                    request, app, db, hold, replicaCpu, replicaMemory, ceiling, testCoremark),
                            scaleOut,
                            instances,
                            dbClasses,
                            log));
        }
        return new Sizing(
                request,
                bed,
                steps,
                capacity,
                usl,
                app,
                db,
                ceiling,
                Optional.of(scaleOut),
                target,
                plans,
                current,
                log.decisions(),
                log.findings(),
                bottleneck,
                sameArchitecture);
    }

    /**
     * The test host's architecture: the declared equivalent type's when the request names one (the
     * speed factor rests on it), else what the run recorded.
     */
    private Optional<Arch> testArch(SizingRequest request, TestBed bed) {
        return request.testHost()
                .equivalentInstanceType()
                .flatMap(instances::find)
                .map(InstanceType::arch)
                .or(bed::arch);
    }

    /**
     * The steps where CPU still measures cost, not the budget's cap. A staircase's valid steps up to
     * its knee (all of them without one), less its transient misses ({@link #withoutTransientMisses}).
     * A search's trials that passed, up to the knee's rate (every pass at that rate: the
     * confirmation and its repeats share one rate), or every pass without a knee (ceiling reached,
     * host-bound). A trial that failed at or below the knee's rate (a fail its retest cleared, on a
     * JIT still compiling, or a tolerated fail at the answer) ran saturated in the runs measured:
     * its CPU at the budget's cap, its connections held through the quota's throttling (2026-12-07: two such fails held 13.8 and 14.4 ms, that run's passes
     * 0.75-3.8 ms), so it bent the demand line and raised the hold time the pool is sized from (a
     * pool of 7 where the passes alone give 5). With no pass, the list is empty: no line, no hold time.
     */
    static List<MeasuredStep> unsaturated(List<MeasuredStep> steps, Capacity capacity, SizingRequest.SloTarget slo) {
        List<MeasuredStep> valid = CapacityAnalysis.validByLoad(steps);
        SizingRequest.SloTarget measured = CapacityAnalysis.measuredParts(steps, slo);
        if (capacity.search().isPresent()) {
            double kneeRps = capacity.knee().map(MeasuredStep::offeredRps).orElse(Double.POSITIVE_INFINITY);
            return valid.stream()
                    .filter(s -> s.offeredRps() <= kneeRps && CapacityAnalysis.passedTrial(s, measured))
                    .toList();
        }
        List<MeasuredStep> upToKnee =
                capacity.knee().map(k -> valid.subList(0, valid.indexOf(k) + 1)).orElse(valid);
        return withoutTransientMisses(upToKnee, CapacityAnalysis.open(valid), measured);
    }

    /**
     * A staircase's steps up to its knee, less each step that missed while a step of more load up to
     * the knee held. Missed: the step's latency broke the SLO (in an open model: it did not keep up,
     * the knee's own test, {@link CapacityAnalysis#keptUp}). Held: the step met every part of the SLO
     * the steps measured, its error ratio included (open: and carried its rate), as a search's
     * passing retest does. Such a miss was transient (a JIT compiling, a GC pause, a burst of
     * throttling), not the service's cost at that load: measured on 2026-12-07 (docs/search.md),
     * step 9 of a staircase at 900 req/s ran throttled in 66 % of its periods with 4.1 ms/s of GC
     * pauses and held connections 5.4 ms, while 1000 req/s held its p95 at 8 ms and 0.5 ms; counted,
     * it doubled the hold time the pool is sized from. A miss with no heavier step that held stays:
     * in a closed model latency climbs below the plateau while CPU still measures cost, and an SLO
     * tighter than the unloaded latency misses at every step. The knee, or without one the heaviest
     * step, has nothing heavier, so it always stays. A step whose latency is unknown (no request
     * succeeded) never held, and missed only by falling behind its rate.
     */
    static List<MeasuredStep> withoutTransientMisses(
            List<MeasuredStep> upToKnee, boolean open, SizingRequest.SloTarget measured) {
        Predicate<MeasuredStep> missed = open
                ? s -> !CapacityAnalysis.keptUp(s, measured)
                : s -> CapacityAnalysis.meetsSlo(s, CapacityAnalysis.latencyOnly(measured))
                        == CapacityAnalysis.SloVerdict.MISSED;
        Predicate<MeasuredStep> held = open
                ? s -> CapacityAnalysis.passedTrial(s, measured)
                : s -> CapacityAnalysis.meetsSlo(s, measured) == CapacityAnalysis.SloVerdict.MET;
        ToDoubleFunction<MeasuredStep> load = open ? MeasuredStep::offeredRps : MeasuredStep::load;
        return upToKnee.stream()
                .filter(s -> !missed.test(s)
                        || upToKnee.stream()
                                .noneMatch(h -> load.applyAsDouble(h) > load.applyAsDouble(s) && held.test(h)))
                .toList();
    }

    /** The mean connection hold time over the unsaturated steps, weighted by throughput. */
    static double holdSeconds(List<MeasuredStep> unsaturated) {
        double weighted = 0, total = 0;
        for (MeasuredStep s : unsaturated) {
            if (!MeasuredStep.measured(s.connHoldSeconds())) continue;
            weighted += s.connHoldSeconds() * s.throughputRps();
            total += s.throughputRps();
        }
        return total > 0 ? weighted / total : Double.NaN;
    }

    /** Feasible plans first, cheapest first (fewest vCPUs at the peak when unpriced); rejected ones last. */
    static List<Plan> rank(InstanceCatalog instances, List<Plan> plans) {
        Comparator<Plan> byCost = Comparator.comparing((Plan p) -> !p.feasible())
                .thenComparingDouble(p -> {
                    double total = p.cost().totalUsdPerMonth();
                    return Double.isNaN(total) ? Double.MAX_VALUE : total;
                })
                .thenComparingDouble(p -> p.nodesForPeak()
                        * instances
                                .find(p.capacityType())
                                .map(t -> (double) t.vcpus())
                                .orElse(p.replicaCpuCores()))
                .thenComparing(Plan::capacityType);
        List<Plan> sorted = new ArrayList<>(plans);
        sorted.sort(byCost);
        return sorted;
    }
}
