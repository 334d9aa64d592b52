package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What limited the service: at the knee and the step past it (where the queue forms), or at the
 * highest valid step when there is no knee. Each limit carries its evidence, the figures that show
 * it; the first is the one to act on. The service's CPU at a knee that the pool or the database
 * made is not the service's own ceiling, and the sizing says so.
 *
 * @param steps the steps read: the knee and the one after it, or the highest valid step; empty
 *     when no step is valid
 * @param limits what was saturated there, the one to act on first
 * @param notJudged the resources the steps carry no figures for
 */
public record Bottleneck(List<MeasuredStep> steps, List<Limit> limits, List<String> notJudged) {

    public Bottleneck {
        steps = List.copyOf(steps);
        limits = List.copyOf(limits);
        notJudged = List.copyOf(notJudged);
    }

    /** The resources, in the order a limit is acted on when several are saturated at once. */
    public enum Resource {
        /** The load generator or the host, not the service: nothing beyond it was measured. */
        INJECTOR_HOST(FindingCode.BOTTLENECK_INJECTOR),
        SERVICE_CPU(FindingCode.BOTTLENECK_SERVICE_CPU),
        DATABASE(FindingCode.BOTTLENECK_DATABASE),
        CONNECTION_POOL(FindingCode.BOTTLENECK_POOL),
        REQUEST_THREADS(FindingCode.BOTTLENECK_THREADS),
        GC(FindingCode.BOTTLENECK_GC);

        private final FindingCode code;

        Resource(FindingCode code) {
            this.code = code;
        }

        public FindingCode code() {
            return code;
        }

        /** "connection pool": how the reasoning names it. */
        public String words() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    public record Limit(Resource resource, String evidence) {}

    /** The service's CPU is saturated at this share of its budget. */
    static final double CPU_SATURATED = 0.85;
    /** On average at least one request waited for a connection: the pool was the queue. */
    static final double POOL_WAITERS = 1.0;
    /** The hold time at least doubled from the lightest step: the database answered slower. */
    static final double HOLD_GROWTH = 2.0;
    /** HikariCP records each hold in whole milliseconds: a smaller growth is not a measured one. */
    static final double HOLD_RESOLUTION_SECONDS = 0.001;
    /** Request threads busy at this share of the maximum. */
    static final double THREADS_SATURATED = 0.9;
    /** A tenth of the wall time in GC pauses. */
    static final double GC_SATURATED = 0.10;
    /** Fewer idle cores than this on the test host: the host itself was full. */
    static final double HOST_IDLE_CORES_MIN = 0.10;

    public Optional<Limit> primary() {
        return limits.stream().findFirst();
    }

    public boolean has(Resource r) {
        return limits.stream().anyMatch(l -> l.resource() == r);
    }

    /**
     * The pool, the database or the request threads stopped the service before its CPU did: its CPU
     * at the knee is then a lower bound of what it could use, not its ceiling.
     */
    public boolean cpuNotTheLimit() {
        return !limits.isEmpty()
                && !has(Resource.SERVICE_CPU)
                && !has(Resource.INJECTOR_HOST)
                && (has(Resource.DATABASE) || has(Resource.CONNECTION_POOL) || has(Resource.REQUEST_THREADS));
    }

    public static Bottleneck diagnose(List<MeasuredStep> all, Capacity capacity, TestBed bed) {
        List<MeasuredStep> valid = CapacityAnalysis.validByLoad(all);
        if (valid.isEmpty()) return new Bottleneck(List.of(), List.of(), List.of());
        List<MeasuredStep> window = new ArrayList<>();
        boolean search = capacity.search().isPresent();
        if (capacity.knee().isPresent() && search) {
            // a search's rows are unordered and several trials share a rate: the step after the knee
            // is a trial at the lowest rate above it that stands failed (SearchCapacity), where the
            // queue forms; of several there, the one that queued longest (highest p95). A lighter
            // trial above the knee may be a short pass, or a fail its retest cleared.
            MeasuredStep knee = capacity.knee().get();
            window.add(knee);
            // (a search has a knee only when a rate above its capacity stands failed: CapacityAnalysis)
            double failing = capacity.search().get().lowestFailingRps();
            valid.stream()
                    .filter(s -> s.offeredRps() == failing)
                    .max(Comparator.comparingDouble(s ->
                            Double.isNaN(s.latencyP95Seconds()) ? Double.NEGATIVE_INFINITY : s.latencyP95Seconds()))
                    .ifPresent(window::add);
        } else if (capacity.knee().isPresent()) {
            int at = valid.indexOf(capacity.knee().get());
            window.add(valid.get(at));
            if (at + 1 < valid.size()) window.add(valid.get(at + 1));
        } else if (search && capacity.atSlo().isPresent()) {
            // no knee: the search's answer is the last load read, not its heaviest trial, which may
            // be a short pass above a failed full-length one
            window.add(capacity.atSlo().get());
        } else {
            window.add(valid.get(valid.size() - 1));
        }
        MeasuredStep lightest = valid.get(0);
        List<Limit> limits = new ArrayList<>();
        List<String> notJudged = new ArrayList<>();

        // Steps that could not be delivered after the last one read, in run order (a staircase
        // climbs), or above its rate (a search's trials are in no load order): they stopped the test
        // only when the service never showed its knee.
        MeasuredStep lastRead = window.get(window.size() - 1);
        List<MeasuredStep> invalidAbove = capacity.knee().isPresent()
                ? List.of()
                : all.stream()
                        .filter(s -> !s.valid()
                                && (search ? s.offeredRps() > lastRead.offeredRps() : s.step() > lastRead.step()))
                        .toList();
        double idle = min(window, MeasuredStep::hostIdleCores);
        if (!invalidAbove.isEmpty() || idle < HOST_IDLE_CORES_MIN) {
            List<String> why = new ArrayList<>();
            if (!invalidAbove.isEmpty())
                why.add("step " + invalidAbove.get(0).step() + (invalidAbove.size() > 1 ? " and later" : "")
                        + " could not be delivered ("
                        + (invalidAbove.get(0).invalidReason().isEmpty()
                                ? "marked invalid"
                                : invalidAbove.get(0).invalidReason())
                        + ")");
            if (idle < HOST_IDLE_CORES_MIN) why.add(String.format("the test host had %.2f cores idle", idle));
            limits.add(new Limit(
                    Resource.INJECTOR_HOST,
                    String.join("; ", why) + ": the host or the load generator stopped the test, not the service"));
        }

        double app = max(window, MeasuredStep::appCpuCores);
        if (Double.isNaN(app) || Double.isNaN(bed.serviceCpuCores())) notJudged.add("service CPU");
        else if (app >= CPU_SATURATED * bed.serviceCpuCores())
            limits.add(new Limit(
                    Resource.SERVICE_CPU,
                    String.format(
                            "the service used %.2f of its %.2f cores (%.0f %%)",
                            app, bed.serviceCpuCores(), app / bed.serviceCpuCores() * 100)));

        double hold = max(window, MeasuredStep::connHoldSeconds);
        double holdLight = lightest.connHoldSeconds();
        double pending = max(window, MeasuredStep::poolPendingAvg);
        double db = max(window, MeasuredStep::dbCpuCores);
        String dbCpu = Double.isNaN(db) ? "" : String.format("; the database used %.2f cores", db);
        // Held longer, by a real margin (twice, and by more than the timer's whole millisecond), while
        // the service's own CPU was not saturated: a throttled service holds its connections longer
        // too, without the database being slower.
        boolean cpuSaturated = !Double.isNaN(app)
                && !Double.isNaN(bed.serviceCpuCores())
                && app >= CPU_SATURATED * bed.serviceCpuCores();
        boolean dbSlower = !Double.isNaN(hold)
                && holdLight > 0
                && hold >= HOLD_GROWTH * holdLight
                && hold - holdLight >= HOLD_RESOLUTION_SECONDS
                && !cpuSaturated;
        if (Double.isNaN(hold) || Double.isNaN(holdLight)) notJudged.add("database (connection hold time)");
        else if (dbSlower)
            limits.add(new Limit(
                    Resource.DATABASE,
                    String.format(
                            "a request held its connection %.2f ms, %.1f x the %.2f ms at step %d: the database"
                                    + " answered slower under load%s%s",
                            hold * 1000,
                            hold / holdLight,
                            holdLight * 1000,
                            lightest.step(),
                            dbCpu,
                            pending >= POOL_WAITERS
                                    ? String.format("; %.1f requests waited for a connection, the symptom", pending)
                                    : "")));

        double active = max(window, MeasuredStep::poolActiveAvg);
        double poolMax = orElse(max(window, MeasuredStep::poolMax), bed.poolSize() > 0 ? bed.poolSize() : Double.NaN);
        double acquire = max(window, MeasuredStep::connAcquireSeconds);
        boolean poolFull = !Double.isNaN(active)
                && !Double.isNaN(poolMax)
                && active >= 0.9 * poolMax
                && !Double.isNaN(acquire)
                && !Double.isNaN(hold)
                && acquire >= hold;
        if (Double.isNaN(pending) && !poolFull) notJudged.add("connection pool (pool_pending_avg)");
        else if ((pending >= POOL_WAITERS || poolFull) && !dbSlower)
            limits.add(new Limit(
                    Resource.CONNECTION_POOL,
                    String.format(
                            "%s requests waited for a connection on average%s%s%s%s",
                            Double.isNaN(pending) ? "some" : String.format("%.1f", pending),
                            Double.isNaN(acquire) ? "" : String.format(", %.2f ms to get one", acquire * 1000),
                            Double.isNaN(active) || Double.isNaN(poolMax)
                                    ? ""
                                    : String.format(", %.1f of %.0f connections busy", active, poolMax),
                            Double.isNaN(hold)
                                    ? ""
                                    : String.format(", each held %.2f ms", hold * 1000)
                                            + (Double.isNaN(holdLight)
                                                    ? ""
                                                    : String.format(
                                                            " (%.2f ms at step %d)",
                                                            holdLight * 1000, lightest.step())),
                            Double.isNaN(db) ? "" : String.format("; the database used only %.2f cores", db))));

        double threads = max(window, MeasuredStep::requestThreadsBusyAvg);
        if (Double.isNaN(threads) || bed.requestThreads() == 0) notJudged.add("request threads");
        else if (threads >= THREADS_SATURATED * bed.requestThreads())
            limits.add(new Limit(
                    Resource.REQUEST_THREADS,
                    String.format(
                            "%.0f of %d request threads busy: new requests queue for a thread",
                            threads, bed.requestThreads())));

        double gc = max(window, MeasuredStep::gcPauseSecondsPerSecond);
        if (Double.isNaN(gc)) notJudged.add("GC");
        else if (gc >= GC_SATURATED)
            limits.add(new Limit(
                    Resource.GC,
                    String.format(
                            "%.0f ms of every second in GC pauses (%.0f %%): the heap is too small for the load",
                            gc * 1000, gc * 100)));

        limits.sort(Comparator.comparing(Limit::resource));
        return new Bottleneck(window, limits, notJudged);
    }

    /** Logs the diagnosis as a decision and one finding per limit; the first one to act on. */
    static Bottleneck decide(List<MeasuredStep> steps, Capacity capacity, TestBed bed, SizingLog log) {
        Bottleneck b = diagnose(steps, capacity, bed);
        if (b.steps().isEmpty()) {
            log.decide(Decision.notEvaluated("bottleneck", "no valid step"));
            return b;
        }
        String where = b.steps().stream().map(s -> "step " + s.step()).collect(Collectors.joining(" and "));
        Decision.Builder d = Decision.named("bottleneck")
                .input("steps", b.steps().stream().map(MeasuredStep::step).toList())
                .input("not_judged", b.notJudged())
                .formula(String.format(
                        "saturated when: service CPU >= %.0f %% of its budget; connection hold time >= %.0f x the"
                                + " lightest step's and 1 ms longer, the service's CPU not saturated (database);"
                                + " >= %.0f request waiting for a connection, or the pool full with waits as long as"
                                + " the holds (pool); request threads >= %.0f %% busy; GC pauses >= %.0f %% of the"
                                + " time; no knee and a later step invalid, or under %.2f idle host cores"
                                + " (injector/host)",
                        CPU_SATURATED * 100,
                        HOLD_GROWTH,
                        POOL_WAITERS,
                        THREADS_SATURATED * 100,
                        GC_SATURATED * 100,
                        HOST_IDLE_CORES_MIN))
                .result(
                        "limits",
                        b.limits().stream().map(l -> l.resource().name()).toList());
        if (b.limits().isEmpty()) {
            String what = "nothing measured was saturated at " + where
                    + (b.notJudged().isEmpty() ? "" : " (not measured: " + String.join(", ", b.notJudged()) + ")");
            log.decide(d.because(what + "."));
            log.find(Finding.info(FindingCode.BOTTLENECK_UNKNOWN, what));
            return b;
        }
        StringBuilder why = new StringBuilder();
        for (int i = 0; i < b.limits().size(); i++) {
            Limit l = b.limits().get(i);
            String m = (i == 0 ? "at " + where + ", the limit is " : "also saturated: ")
                    + l.resource().words() + ": " + l.evidence();
            why.append(Character.toUpperCase(m.charAt(0)))
                    .append(m.substring(1))
                    .append(". ");
            boolean actOn = i == 0 && l.resource() != Resource.SERVICE_CPU;
            log.find(
                    actOn
                            ? Finding.warning(l.resource().code(), m)
                            : Finding.info(l.resource().code(), m));
        }
        if (b.cpuNotTheLimit())
            why.append("The service's CPU there is where the ")
                    .append(b.primary().get().resource().words())
                    .append(" stopped it, not its own ceiling: the CPU target and the replicas rest on a lower bound"
                            + " (safe, but more replicas than the service needs); fix the limit and measure again.");
        log.decide(d.because(why.toString().strip()));
        return b;
    }

    private static double max(List<MeasuredStep> steps, ToDoubleFunction<MeasuredStep> f) {
        return steps.stream()
                .mapToDouble(f)
                .filter(MeasuredStep::measured)
                .max()
                .orElse(Double.NaN);
    }

    private static double min(List<MeasuredStep> steps, ToDoubleFunction<MeasuredStep> f) {
        return steps.stream()
                .mapToDouble(f)
                .filter(MeasuredStep::measured)
                .min()
                .orElse(Double.NaN);
    }

    private static double orElse(double v, double other) {
        return Double.isNaN(v) ? other : v;
    }
}
