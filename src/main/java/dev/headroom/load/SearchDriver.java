package dev.headroom.load;

import dev.headroom.load.pacing.ArrivalSchedule;
import dev.headroom.load.pacing.ArrivalSchedule.SegmentEnd;
import dev.headroom.load.pacing.ArrivalSchedule.Slot;
import dev.headroom.load.search.CapacitySearch;
import dev.headroom.load.search.SearchResult;
import dev.headroom.load.search.SearchSettings;
import dev.headroom.load.search.Trial;
import dev.headroom.load.search.TrialOutcome;
import dev.headroom.load.warmup.WarmupCriterion;
import dev.headroom.load.warmup.WarmupDetector;
import dev.headroom.load.warmup.WarmupSettings;
import dev.headroom.load.warmup.WarmupVerdict;
import dev.headroom.load.warmup.WarmupWindow;
import dev.headroom.metrics.ClientRecorder;
import dev.headroom.metrics.NanoClock;
import dev.headroom.metrics.ServerFigures;
import dev.headroom.metrics.ServerSample;
import dev.headroom.metrics.ServerSampler;
import dev.headroom.metrics.StepResult;
import dev.headroom.metrics.StepSummarizer;
import dev.headroom.metrics.StepWindows;
import dev.headroom.results.RunJournal;
import dev.headroom.scenario.LoadShape;
import dev.headroom.scenario.OpenLoad;
import dev.headroom.scenario.SearchLoad;
import dev.headroom.scenario.SearchPhase;
import dev.headroom.scenario.SettledWarmup;
import dev.headroom.scenario.Slo;
import dev.headroom.scenario.StepPlan;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Drives a {@code model: search} run from its own thread (docs/search.md, "Wiring"): a ramp to the
 * warm-up rate, a warm-up that ends when {@link WarmupDetector} says the service is steady, then the
 * trials {@link CapacitySearch} asks for, each planned as one more step of the timeline and judged
 * from the row the step writer writes. The virtual users only pace themselves on the shared
 * {@link ArrivalSchedule} ({@link #claim()}, {@link #idlePause()}) until {@link #done()}.
 *
 * <p>An open staircase with {@code warmup: settled} runs the same way: the same warm-up, then its
 * fixed steps in order on the same schedule, each planned when the one before it has ended.
 */
public final class SearchDriver {
    /** Between trials, and after the search: how long an idle user sleeps before it looks again. */
    private static final Duration PAUSED_POLL = Duration.ofMillis(200);

    private static final long MIN_POLL_NANOS = 5_000_000L;
    private static final long MAX_POLL_NANOS = 250_000_000L;

    private final LoadShape load; // a SearchLoad, or an OpenLoad with a settled warm-up
    private final SettledWarmup warmup;
    private final Slo slo;
    private final double requestTimeoutS;
    private final ArrivalSchedule schedule;
    private final StepWindows windows;
    private final ClientRecorder recorder;
    private final ServerSampler sampler;
    private final NanoClock clock;
    private final RunJournal journal;
    private final IntFunction<Optional<StepResult>> writtenStep;
    private final BooleanSupplier aborted;
    private final Consumer<String> say;
    private final int poolUsers;
    private volatile double cpuBudgetCores; // NaN: not known; lowered when the host cannot hold it
    private volatile ServerFigures lastWindowFigures; // the warm-up's last window, for hostBudget
    private final Optional<WarmupBoost> boost;
    private volatile boolean boosted;
    private volatile boolean done;
    private volatile String stoppedShort; // why a staircase ended before its last step, or null
    private Thread thread;

    SearchDriver(
            LoadShape load,
            Slo slo,
            double requestTimeoutS,
            double cpuBudgetCores,
            Optional<WarmupBoost> boost,
            StepWindows windows,
            ClientRecorder recorder,
            ServerSampler sampler,
            NanoClock clock,
            RunJournal journal,
            IntFunction<Optional<StepResult>> writtenStep,
            BooleanSupplier aborted,
            Consumer<String> say) {
        this.load = load;
        this.warmup = load.settledWarmup()
                .orElseThrow(() -> new IllegalArgumentException("a paced load needs a settled warm-up: " + load));
        this.slo = slo;
        this.requestTimeoutS = requestTimeoutS;
        this.cpuBudgetCores = cpuBudgetCores;
        this.boost = boost;
        this.schedule = new ArrivalSchedule(clock);
        this.windows = windows;
        this.recorder = recorder;
        this.sampler = sampler;
        this.clock = clock;
        this.journal = journal;
        this.writtenStep = writtenStep;
        this.aborted = aborted;
        this.say = say;
        this.poolUsers = poolUsers(load, slo);
    }

    /**
     * Virtual users in the pool: enough to keep the highest rate ({@code max_rps}, or a staircase's
     * top step or warm-up rate) in flight at twice the SLO's p99 (Little's law: in flight = rate x
     * time in the system). A trial that needs more is past the SLO anyway (its mean latency would
     * exceed twice the p99), and its unclaimed slots count as not sent. Bounded to 32..1000 so an
     * idle pool costs little (each idle user polls a few times a second).
     */
    public static int poolUsers(LoadShape load, Slo slo) {
        double inFlight = highestRps(load) * slo.p99Ms() / 1000 * 2;
        return (int) Math.max(32, Math.min(1000, Math.ceil(inFlight)));
    }

    /** The most a paced load offers: a search's {@code max_rps}, else its top step or warm-up rate. */
    static double highestRps(LoadShape load) {
        return load instanceof SearchLoad search ? search.maxRps() : ((OpenLoad) load).highestRps();
    }

    public int poolUsers() {
        return poolUsers;
    }

    /** Starts the warm-up and the search on a thread of their own. */
    void start() {
        windows.startIfUnset(clock.nanoTime());
        thread = new Thread(this::runSafely, "headroom-search");
        thread.setDaemon(true);
        thread.start();
    }

    /** True once the search has ended (or was stopped): the users leave their loop. */
    public boolean done() {
        return done;
    }

    /** Stops the search (the run ended or was aborted). */
    void stop() {
        done = true;
        schedule.pause();
        if (thread != null) thread.interrupt();
    }

    /**
     * The next slot due within one poll interval, for a user to pause until and send; empty when
     * there is none yet (pause {@link #idlePause()} and ask again).
     */
    public Optional<Slot> claim() {
        return schedule.claimWithin(pollNanos());
    }

    /** How long to wait before sending {@code slot}: zero when it is already due. */
    public Duration untilDue(Slot slot) {
        return Duration.ofNanos(Math.max(0, slot.intendedNanos() - clock.nanoTime()));
    }

    /** Whether the rate changed before {@code slot} fell due: the user must not send it. */
    public boolean cancelled(Slot slot) {
        return schedule.cancelled(slot);
    }

    /**
     * How long an idle user sleeps: long enough that the pool polls about twice per slot
     * (N users / (2 x rate)), so polling costs in proportion to the load and not to the pool size,
     * and short enough (at most 250 ms) that a higher rate reaches every user within its ramp.
     */
    public Duration idlePause() {
        double rps = schedule.rps();
        if (Double.isNaN(rps)) return PAUSED_POLL;
        return Duration.ofNanos(pollNanos());
    }

    private long pollNanos() {
        double rps = schedule.rps();
        if (Double.isNaN(rps)) return PAUSED_POLL.toNanos();
        long n = (long) (poolUsers / (2 * rps) * 1e9);
        return Math.max(MIN_POLL_NANOS, Math.min(MAX_POLL_NANOS, n));
    }

    private void runSafely() {
        try {
            double start = warmUpScrapingEverySample();
            if (done) return;
            if (load instanceof SearchLoad search)
                search(search, Double.isNaN(search.startRps()) ? start : search.startRps());
            else staircase();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            boolean search = load instanceof SearchLoad;
            stoppedShort = (search ? "the search" : "the staircase") + " stopped: " + e;
            say.accept(stoppedShort);
            journal.set(
                    search ? "search" : PACED_STAIRCASE,
                    Map.of("status", "error", "message", String.valueOf(e.getMessage())));
        } finally {
            done = true;
            schedule.pause();
            if (boosted) restoreQuietly();
        }
    }

    /** Back to the budget on the way out of a failed run (the lab removes the group soon after). */
    private void restoreQuietly() {
        try {
            boost.orElseThrow().quota().set(boost.orElseThrow().budgetCores());
            boosted = false;
        } catch (IOException | RuntimeException e) {
            say.accept("could not set the service's CPU back to its budget: " + e.getMessage());
        }
    }

    /**
     * The first trial's rate: where the warm-up's last window puts the service at {@link
     * #START_SHARE} of its budget (U = D X with D from that window), at most the warm-up's last
     * rate; the warm-up's rate when CPU or the budget is not known. Below the knee by construction,
     * so the probe doubles up to it rather than halving down from a failure.
     */
    static double searchStart(double warmupRps, WarmupWindow last, double cpuBudgetCores) {
        if (last == null || Double.isNaN(cpuBudgetCores)) return warmupRps;
        double d = last.throughputRps() > 0 ? last.appCpuCores() / last.throughputRps() : Double.NaN;
        if (!(d > 0)) return warmupRps;
        // whole req/s: the trials' rates read as people write them, and doubling keeps them whole
        return Math.max(1, Math.min(warmupRps, Math.floor(START_SHARE * cpuBudgetCores / d)));
    }

    /** The service's CPU budget for the trials (NaN: not known), after {@link #fitBudgetToHost}. */
    double cpuBudgetCores() {
        return cpuBudgetCores;
    }

    /** The share of its budget the service uses at the first trial's rate. */
    static final double START_SHARE = 0.6;

    /** A rise smaller than this (warmup_rps just above the rate) is not worth a new detector. */
    static final double MIN_RISE = 1.25;

    /** The warm-up's first rate: an eighth of {@code warmup_rps}, at least 1 req/s. */
    static double warmupStartRps(double warmupRps) {
        return Math.max(1, warmupRps / 8);
    }

    /**
     * The shortest warm-up, in seconds of windows (the maximum counts the same), that can end
     * settled: a window at each rate on the way up to {@code warmup_rps}, then the two blocks of
     * windows at it that {@link WarmupDetector} compares. From an eighth of the rate, doubling,
     * that is 3 rises and 4 windows: 70 s of 10 s windows. A shorter {@code warmup_max_s} ends
     * never_settled whatever the service does; the run says so before it starts.
     */
    public static double shortestSettleS(SettledWarmup warmup) {
        double rate = warmupStartRps(warmup.rps());
        int windows = 2 * WarmupSettings.DEFAULTS.windowsPerBlock();
        for (double higher; (higher = risen(rate, warmup.rps())) > rate * MIN_RISE; rate = higher) windows++;
        return windows * warmup.windowS();
    }

    /**
     * The warm-up (docs/search.md, "Settled warm-up"). It starts at an eighth of {@code warmup_rps},
     * ramped over one window from a tenth of that: a cold JVM under half a CPU used 0.495 cores at
     * 100 req/s (4.9 ms of CPU a request) and was pushed into a queue by a quick ramp to 200. After
     * each window the rate doubles towards {@code warmup_rps} while the service has room
     * ({@link #roomFor}), so it follows the JIT as requests get cheaper: measured here, trials that
     * began after 70 s of warm-up held near 70 req/s (CPU per request still 3 ms) found a capacity
     * of 398 req/s, against 700 after 130 s at 100 req/s. Windows at different rates are not comparable, so
     * each rise starts a new detector. A window that falls
     * behind stops the arrivals until what is in flight has come back and the service's CPU has
     * quietened ({@link #recover}), then halves the rate down to a floor. Every window and every
     * pause counts towards the maximum. Returns the rate the warm-up ended at.
     */
    /**
     * The warm-up's windows and pauses read the service's CPU and the JIT's compile time from the
     * sampler's own scrapes: a 2 s quiet check holds two samples, so beside a Prometheus (which
     * thins Headroom's scrapes to every third sample for the trials) it asks for every one.
     */
    private double warmUpScrapingEverySample() throws InterruptedException, IOException {
        int trialScrapes = sampler.scrapeEvery();
        sampler.scrapeEvery(1);
        try {
            return warmUp();
        } finally {
            sampler.scrapeEvery(trialScrapes);
        }
    }

    private double warmUp() throws InterruptedException, IOException {
        long began = clock.nanoTime();
        if (boost.isPresent() && boost.get().raises()) {
            boost.get().quota().set(boost.get().warmupCores());
            boosted = true;
            say.accept(String.format(
                    Locale.ROOT,
                    "warm-up on %.2f cores (the service's budget is %.2f; every trial runs on the budget,"
                            + " -Dheadroom.warmup-boost=off warms up on it too)",
                    boost.get().warmupCores(),
                    boost.get().budgetCores()));
        }
        WarmupWindow last = null;
        double rate = warmupStartRps(warmup.rps());
        ramp(rate, warmup.windowS());
        WarmupDetector detector = detector(warmup.maxS());
        WarmupVerdict verdict = null;
        List<Map<String, Object>> windowsSeen = new ArrayList<>();
        double spentS = 0;
        int fellBehind = 0;
        while (!done && !aborted.getAsBoolean()) {
            long from = clock.nanoTime();
            ClientRecorder.OutsideTotals before = recorder.outside();
            sleepUntil(from + (long) (warmup.windowS() * 1e9));
            long to = clock.nanoTime();
            WarmupWindow w = window(from, to, rate, before, recorder.outside());
            last = w;
            windowsSeen.add(windowJson(w));
            spentS += w.durationS();
            verdict = detector.add(w);
            say.accept(String.format(
                    Locale.ROOT,
                    "warm-up at %.0f req/s: %.1f req/s done, app CPU %.3f cores, %.3f ms CPU per request%s",
                    rate,
                    w.throughputRps(),
                    w.appCpuCores(),
                    w.throughputRps() > 0 ? w.appCpuCores() / w.throughputRps() * 1000 : Double.NaN,
                    verdict.ended() ? " - " + verdict.criterion().jsonName() + ": " + verdict.detail() : ""));
            double left = warmup.maxS() - spentS;
            if (verdict.ended() && verdict.criterion() == WarmupCriterion.FELL_BEHIND && left > 0) {
                schedule.pause();
                drain();
                Recovery r = recover(Math.min(left, RECOVERY_MAX_WINDOWS * warmup.windowS()));
                spentS += r.pausedS();
                windowsSeen.add(r.runJson());
                rate = lowerAfterFallingBehind(rate);
                say.accept(String.format(
                        Locale.ROOT,
                        "the warm-up fell behind: no arrivals for %.0f s (service CPU %.3f cores when it"
                                + " resumed), then %.0f req/s",
                        r.pausedS(),
                        r.appCpuCores(),
                        rate));
                fellBehind++;
                schedule.changeRate(rate);
                detector = detector(warmup.maxS() - spentS);
                continue;
            }
            double higher = roomFor(w, rate);
            if (left > 0
                    && higher > rate * MIN_RISE
                    && (!verdict.ended() || verdict.criterion() != WarmupCriterion.FELL_BEHIND)) {
                rate = higher;
                schedule.changeRate(rate);
                detector = detector(left);
                continue;
            }
            if (verdict.ended()) break;
        }
        if (boosted) {
            // the trials run on the budget: nothing of the warm-up's rate may queue behind the cut
            schedule.pause();
            drain();
            boost.get().quota().set(boost.get().budgetCores());
            boosted = false;
        }
        Map<String, Object> host = boost.isPresent() && lastWindowFigures != null
                ? fitBudgetToHost(boost.get(), lastWindowFigures)
                : Map.of();
        double start = searchStart(rate, last, cpuBudgetCores);
        Map<String, Object> json = new LinkedHashMap<>();
        if (verdict != null) json.putAll(verdict.runJson(detectorSettings(warmup.maxS())));
        json.put("duration_s", (clock.nanoTime() - began) / 1e9);
        json.put("ended_at", java.time.Instant.now().toString()); // the first trial or step begins after it
        json.put("rate_rps", rate);
        json.put("fell_behind", fellBehind);
        json.put("cpu_budget_cores", cpuBudgetCores);
        boost.filter(WarmupBoost::raises).ifPresent(b -> json.put("boost", b.runJson()));
        if (!host.isEmpty()) json.put("host", host);
        if (load instanceof SearchLoad) json.put("search_start_rps", start);
        json.put("windows", windowsSeen);
        journal.set("warmup", json);
        return start;
    }

    /**
     * The share of the host's usable cores (all but the idle a valid trial needs) that the service
     * and everything else may use together at the service's knee: the rest is room for noise.
     */
    static final double HOST_SHARE = 0.9;

    /** Budgets are lowered in twentieths of a core (0.05), rounding down. */
    static final int STEPS_PER_CORE = 20;

    /** Below this the host is too small to lower the budget to: the search goes on and says so. */
    static final double MIN_LOWERED_BUDGET = 0.1;

    /**
     * The highest CPU budget under which the service, not the host, saturates first (NaN when the
     * window did not measure the service's and the host's CPU). The lab shares one machine with
     * its database and its injector: at its knee the service uses at most its budget b and
     * carries at most b / D requests a second, and everything else on the host (the database, the
     * injector, Headroom's sampler, Prometheus, Maven's JVM) used E per request in the warm-up's
     * last window, so the host is busy with b (1 + E / D) cores. A trial is valid while the host
     * keeps {@link StepSummarizer#MIN_HOST_IDLE_CORES} idle, so
     *
     * <pre>b_max = HOST_SHARE x (host cores - min idle) / (1 + E / D),   E / D = other cores / service cores</pre>
     *
     * in one window. The fixed part of the others' CPU (Prometheus, an idle Maven JVM) is counted as
     * if it grew with the load, which lowers b_max: it errs towards the service being the limit.
     */
    static double hostBudget(double serviceCores, double hostBusyCores, double hostCores) {
        if (!(serviceCores > 0) || !(hostBusyCores >= serviceCores) || !(hostCores > 0)) return Double.NaN;
        double otherPerService = (hostBusyCores - serviceCores) / serviceCores;
        return HOST_SHARE * (hostCores - StepSummarizer.MIN_HOST_IDLE_CORES) / (1 + otherPerService);
    }

    /**
     * After the warm-up: when the host could not hold the service's budget at its knee ({@link
     * #hostBudget}), lower the budget for every trial, so the search finds the service's knee
     * rather than the host's, say so, and record both (run.json {@code warmup.host}, and {@code
     * lab.cpu_budget} with {@code lab.cpu_budget_lowered}, which the sizer reads).
     */
    Map<String, Object> fitBudgetToHost(WarmupBoost b, ServerFigures f) {
        double hostCores = f.hostBusyCores() + f.hostIdleCores();
        double otherCores = f.hostBusyCores() - f.appCpuCores();
        double max = hostBudget(f.appCpuCores(), f.hostBusyCores(), hostCores);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_cpu_cores", f.appCpuCores());
        m.put("other_cpu_cores", otherCores);
        m.put("host_cores", hostCores);
        m.put("max_budget_cores", max);
        m.put("budget_cores", cpuBudgetCores);
        if (Double.isNaN(max) || Double.isNaN(cpuBudgetCores) || max >= cpuBudgetCores) {
            m.put("decision", Double.isNaN(max) ? "not_measured" : "kept");
            return m;
        }
        double to = Math.floor(max * STEPS_PER_CORE + 1e-9) / STEPS_PER_CORE; // 0.85, not 0.8500000000000001
        String why = String.format(
                Locale.ROOT,
                "at the warm-up's end the service used %.2f cores and the rest of the host %.2f (database,"
                        + " injector, sampler, Maven), so on %.0f cores the host would saturate before a service"
                        + " of %.2f cores reached its knee; at most %.2f keeps the service the limit",
                f.appCpuCores(),
                otherCores,
                hostCores,
                cpuBudgetCores,
                max);
        if (to < MIN_LOWERED_BUDGET) {
            m.put("decision", "host_too_small");
            say.accept("the host is too small for this service: " + why + "; the budget stays, and trials the"
                    + " host limits are invalid (the search says host_bound)");
            return m;
        }
        try {
            if (!b.quota().lower(to, why)) {
                m.put("decision", "kept_by_setting");
                say.accept("the host may saturate before the service: " + why + "; -Dheadroom.budget-to-host=off"
                        + " keeps the budget of " + cpuBudgetCores + " cores");
                return m;
            }
            say.accept(String.format(
                    Locale.ROOT,
                    "CPU budget lowered from %.2f to %.2f cores for every trial or step: %s"
                            + " (-Dheadroom.budget-to-host=off keeps it)",
                    cpuBudgetCores,
                    to,
                    why));
            m.put("decision", "lowered");
            m.put("lowered_to_cores", to);
            cpuBudgetCores = to;
        } catch (IOException | RuntimeException e) {
            m.put("decision", "not_applied");
            m.put("error", String.valueOf(e.getMessage()));
            say.accept("could not lower the CPU budget (" + e.getMessage() + "); the search goes on with "
                    + cpuBudgetCores + " cores");
        }
        return m;
    }

    /** The longest pause after a fall behind, in warm-up windows. */
    static final int RECOVERY_MAX_WINDOWS = 2;

    /**
     * After a window that fell behind, the rate halves, but never below {@link #warmupFloor}: a
     * warm-up that halved without end reached 3 req/s under a quarter of a CPU here, where the JIT
     * never saw enough requests to compile the hot paths, and the search then "found" 1 req/s.
     */
    double lowerAfterFallingBehind(double rate) {
        return Math.max(warmupFloor(), rate / 2);
    }

    /**
     * The lowest warm-up rate: a quarter of the rate it starts at ({@code warmup_rps / 32}, two
     * halvings below its start), at least 1 req/s.
     */
    double warmupFloor() {
        return Math.max(1, warmup.rps() / 32);
    }

    /**
     * The service's CPU with no arrivals, over {@link #QUIET_S}, below which it has finished what a
     * fall behind left it (a quarter of its budget, or 0.05 cores without one).
     */
    double quietCores() {
        return Double.isNaN(cpuBudgetCores) ? 0.05 : Math.max(0.05, cpuBudgetCores / 4);
    }

    private static final double QUIET_S = 2;

    /** A pause with no arrivals: how long, and the service's CPU over its last {@link #QUIET_S}. */
    record Recovery(double pausedS, double appCpuCores) {
        Map<String, Object> runJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("paused_s", pausedS);
            m.put("app_cpu_cores_at_resume", appCpuCores);
            return m;
        }
    }

    /**
     * No arrivals until the service's own CPU falls to {@link #quietCores()} (at most {@code maxS}).
     * Under a quarter of a CPU, a cold JVM's compiler threads took the whole quota: requests queued
     * behind them (35 ms of CPU a request, against 1-5 ms cold at half a CPU), and every lower rate
     * fell behind again. With no arrivals the compiler finishes its queue; the code it installs is
     * what lets the next window keep up. Without CPU figures the pause is one window.
     */
    private Recovery recover(double maxS) throws InterruptedException {
        long from = clock.nanoTime();
        long quietNanos = (long) (QUIET_S * 1e9);
        double cpu = Double.NaN;
        while (!done && !aborted.getAsBoolean()) {
            long now = clock.nanoTime();
            double pausedS = (now - from) / 1e9;
            if (pausedS >= maxS) break;
            if (now - from >= quietNanos) {
                cpu = StepSummarizer.server(sampler.between(now - quietNanos, now), QUIET_S)
                        .appCpuCores();
                if (Double.isNaN(cpu) ? pausedS >= Math.min(maxS, warmup.windowS()) : cpu <= quietCores()) break;
            }
            sleepUntil(now + 500_000_000L);
        }
        return new Recovery((clock.nanoTime() - from) / 1e9, cpu);
    }

    /**
     * Each rise of the warm-up's rate: doubling, so 50 req/s reaches 400 in three windows. Measured
     * here, rises by half took six windows (90 s) to reach 380 req/s, and CPU per request fell from
     * 1.19 to 0.65 ms only in the first window at that rate: the JIT needs the load more than time.
     */
    static final double WARMUP_RISE = 2;

    /**
     * The rate after window {@code w} at {@code rate}, at most warmup_rps: twice as high while
     * the service kept up and its mean latency stayed under a quarter of the SLO's p95, that is far
     * from a queue; otherwise unchanged. Not the CPU: a cold JVM's own compiler counts as its CPU
     * (34 % of it after two minutes at 100 req/s under half a CPU, measured here), so a CPU rule
     * held the rate near 70 req/s while requests still took 3 ms of CPU each.
     */
    double roomFor(WarmupWindow w, double rate) {
        return roomFor(w, rate, boosted ? boost.orElseThrow().warmupCores() : Double.NaN);
    }

    /**
     * {@link #roomFor(WarmupWindow, double)} on a warm-up quota of {@code boostedCores} (NaN: not
     * boosted): unchanged while the window was {@link #quotaBound} on it.
     */
    double roomFor(WarmupWindow w, double rate, double boostedCores) {
        if (!w.keptUp() || !(w.latencyMeanS() * 1000 < slo.p95Ms() / 4)) return rate;
        if (quotaBound(w.appCpuCores(), boostedCores)) return rate;
        return risen(rate, warmup.rps());
    }

    /**
     * Share of the warm-up's boosted quota at which the service is taken as bound by it: the rate is
     * held, so the compiler gets the CPU the requests would take.
     */
    static final double QUOTA_BOUND_SHARE = 0.9;

    /**
     * Whether a boosted warm-up window used the quota to its end. Measured 2026-12-06 on a 2-core
     * Intel Xeon (quick, 10 s windows, 1 core): the rate doubled to 400 and 800 req/s while the
     * service used 0.98 and 0.95 cores; its compiler then ran about one thread-second a second
     * (compile time is wall time, so throttled compiles count) and CPU per request stayed at
     * 1.15-1.24 ms for 30 s, against 0.5 ms warm; the default scenario's warm-up on the same host,
     * at 0.5-0.72 cores, reached 0.5 ms. Only while boosted: under the budget alone a cold JVM's
     * compiler takes the whole quota, and a rule on CPU held the rate near 70 req/s (above).
     */
    static boolean quotaBound(double appCpuCores, double quotaCores) {
        return appCpuCores >= QUOTA_BOUND_SHARE * quotaCores; // false when either is NaN
    }

    /** One rise of the warm-up's rate: {@link #WARMUP_RISE} times, at most {@code warmup_rps}. */
    static double risen(double rate, double warmupRps) {
        return Math.min(warmupRps, rate * WARMUP_RISE);
    }

    private WarmupDetector detector(double maxS) {
        return new WarmupDetector(detectorSettings(maxS));
    }

    private WarmupSettings detectorSettings(double maxS) {
        return new WarmupSettings(
                WarmupSettings.DEFAULTS.windowsPerBlock(),
                WarmupSettings.DEFAULTS.tolerance(),
                WarmupSettings.DEFAULTS.jitShareMax(),
                Math.max(warmup.windowS(), maxS));
    }

    /** Steps up to {@code rps} once a second over {@code seconds}, from a tenth of it. */
    private void ramp(double rps, double seconds) throws InterruptedException {
        int steps = (int) Math.max(1, Math.round(seconds));
        for (int k = 1; k <= steps && !done; k++) {
            schedule.changeRate(Math.max(1, rps * (0.1 + 0.9 * (k - 1) / Math.max(1, steps - 1))));
            sleepUntil(clock.nanoTime() + 1_000_000_000L);
        }
        schedule.changeRate(rps);
    }

    private WarmupWindow window(
            long from, long to, double rate, ClientRecorder.OutsideTotals a, ClientRecorder.OutsideTotals b) {
        double s = (to - from) / 1e9;
        List<ServerSample> samples = sampler.between(from, to);
        ServerFigures figures = StepSummarizer.server(samples, s);
        lastWindowFigures = figures;
        double cpu = figures.appCpuCores();
        long finished = b.finished() - a.finished();
        return new WarmupWindow(
                s,
                rate,
                (b.okCompleted() - a.okCompleted()) / s,
                Double.isNaN(cpu) ? Double.NaN : Math.max(0, cpu),
                jitCompileMs(samples, s),
                finished > 0 ? (b.latencySumMs() - a.latencySumMs()) / 1000.0 / finished : Double.NaN);
    }

    /**
     * The JIT's compile time over a window of {@code windowS}: the growth of its cumulative counter
     * between the first and the last sample that have it, scaled from their span to the window,
     * since a saturated service misses scrapes; NaN without the metric, or when the scrapes span
     * less of the window than the service's CPU needs ({@link StepSummarizer#MIN_SCRAPE_SPAN_SHARE}).
     */
    static double jitCompileMs(List<ServerSample> samples, double windowS) {
        List<ServerSample> with =
                samples.stream().filter(x -> !Double.isNaN(x.jitCompileMs())).toList();
        if (with.size() < 2) return Double.NaN;
        ServerSample first = with.get(0);
        ServerSample last = with.get(with.size() - 1);
        double spanS = (last.atNanos() - first.atNanos()) / 1e9;
        if (!(spanS > 0) || spanS < StepSummarizer.MIN_SCRAPE_SPAN_SHARE * windowS) return Double.NaN;
        return Math.max(0, last.jitCompileMs() - first.jitCompileMs()) / spanS * windowS;
    }

    private static Map<String, Object> windowJson(WarmupWindow w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("duration_s", w.durationS());
        m.put("offered_rps", w.offeredRps());
        m.put("throughput_rps", w.throughputRps());
        m.put("app_cpu_cores", w.appCpuCores());
        m.put("jit_compile_ms", w.jitCompileMs());
        m.put("latency_mean_ms", w.latencyMeanS() * 1000);
        return m;
    }

    private void search(SearchLoad search, double startRps) throws InterruptedException {
        double start = Math.min(startRps, search.maxRps());
        SearchSettings settings = SearchSettings.between(start, search.maxRps())
                .withPrecision(search.precision())
                .withTrialSeconds(search.shortTrialS(), search.fullTrialS())
                .withRepeats(search.repeats())
                .withBudget(search.maxTrials(), search.maxSearchS());
        CapacitySearch capacity = new CapacitySearch(settings);
        List<Map<String, Object>> trials = new ArrayList<>();
        Optional<Trial> next;
        while (!done && !aborted.getAsBoolean() && (next = capacity.next()).isPresent()) {
            Trial trial = next.get();
            Optional<StepResult> step =
                    measure(trial.number(), trial.offeredRps(), trial.durationS(), trial.phase(), trials);
            if (step.isEmpty()) return; // aborted: the run says why
            TrialOutcome outcome = TrialOutcome.of(trial, step.get());
            capacity.record(outcome);
            say.accept(String.format(
                    Locale.ROOT,
                    "trial %d (%s, %.0f s) at %.0f req/s: %s",
                    trial.number(),
                    trial.phase().csvName(),
                    trial.durationS(),
                    trial.offeredRps(),
                    outcome.passed()
                            ? "passed"
                            : !outcome.valid()
                                    ? "INVALID (" + outcome.invalidReason() + ")"
                                    : !outcome.withinSlo() ? "missed the SLO" : "fell behind"));
            if (!outcome.passed()) drain();
        }
        if (aborted.getAsBoolean()) return;
        SearchResult result = capacity.result();
        Map<String, Object> json = new LinkedHashMap<>(result.runJson(settings));
        json.put("pool_users", poolUsers);
        json.put("trial_segments", trials);
        journal.set("search", json);
        if (Double.isNaN(result.capacityRps())) {
            say.accept(String.format(
                    Locale.ROOT,
                    "search %s: no rate held (lowest failing %.0f req/s) in %d trials",
                    result.status().jsonName(),
                    result.lowestFailingRps(),
                    result.trials().size()));
            return;
        }
        say.accept(String.format(
                Locale.ROOT,
                "search %s: capacity at the SLO %.0f req/s (%s) in %d trials",
                result.status().jsonName(),
                result.capacityRps(),
                Double.isNaN(result.lowestFailingRps())
                        ? "nothing above it failed: a lower bound"
                        : Double.isNaN(result.intervalLowRps())
                                ? String.format(Locale.ROOT, "lowest failing %.0f req/s", result.lowestFailingRps())
                                : String.format(
                                        Locale.ROOT,
                                        "lowest failing %.0f req/s, 95 %% interval %.0f-%.0f",
                                        result.lowestFailingRps(),
                                        result.intervalLowRps(),
                                        result.intervalHighRps()),
                result.trials().size()));
    }

    /**
     * A staircase after its settled warm-up: every step in order, each at its rate after its ramp,
     * whatever the one before it did (a staircase reads the whole curve, past the knee too). The
     * schedule pauses between steps only while the step writer writes the row, as a search's does.
     */
    private void staircase() throws InterruptedException {
        List<Map<String, Object>> segments = new ArrayList<>();
        int measured = 0;
        for (int k = 1; k <= load.steps() && !done && !aborted.getAsBoolean(); k++) {
            if (measure(k, load.offeredAt(k), load.stepDurationS(), SearchPhase.STEP, segments)
                    .isEmpty()) {
                // an abort says why itself; otherwise the step's row never came (LoadRun ends the run
                // aborted on incomplete(): a staircase short of a step is not a completed one)
                if (!aborted.getAsBoolean())
                    stoppedShort = String.format(
                            Locale.ROOT, "step %d's row was not written within %.0f s of its end", k, rowWaitS());
                break;
            }
            measured = k;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", measured == load.steps() ? "complete" : "incomplete");
        json.put("steps_measured", measured);
        if (stoppedShort != null) json.put("message", stoppedShort);
        json.put("pool_users", poolUsers);
        json.put("step_segments", segments);
        journal.set(PACED_STAIRCASE, json);
    }

    /**
     * How long a trial or step waits for its row once its window has ended: what it left in flight
     * (the request timeout), then the writer's queries.
     */
    private double rowWaitS() {
        return requestTimeoutS + 30;
    }

    /** run.json's key for a staircase after a settled warm-up: its pool and its steps' slots. */
    static final String PACED_STAIRCASE = "paced_staircase";

    /**
     * Why a staircase on this schedule ended short of its last step, given the steps written; empty
     * for a search (its trials are as many as it needed) and for a staircase measured in full.
     */
    Optional<String> incomplete(int stepsWritten) {
        if (load instanceof SearchLoad || stepsWritten >= load.steps()) return Optional.empty();
        return Optional.of(String.format(
                Locale.ROOT,
                "the staircase measured %d of its %d steps: %s",
                stepsWritten,
                load.steps(),
                stoppedShort != null ? stoppedShort : "the load ended before its last step"));
    }

    /**
     * One trial (or a staircase's step): the new rate at once, an unmeasured ramp, then the
     * measured window planned as the next step; then the schedule pauses and the step writer's row
     * is its result.
     */
    private Optional<StepResult> measure(
            int number, double offeredRps, double durationS, SearchPhase phase, List<Map<String, Object>> segments)
            throws InterruptedException {
        long now = clock.nanoTime();
        double rampStartS = windows.secondsAt(now);
        double steadyStartS = rampStartS + load.rampS();
        double steadyEndS = steadyStartS + durationS;
        windows.add(new StepPlan(number, offeredRps, rampStartS, steadyStartS, steadyEndS, phase));
        schedule.changeRate(offeredRps);
        sleepUntil(windows.steadyEndNanos(number));
        Optional<SegmentEnd> ended = schedule.pause();
        Map<String, Object> segment = new LinkedHashMap<>();
        segment.put(phase == SearchPhase.STEP ? "step" : "trial", number);
        segment.put("slots_claimed", ended.map(SegmentEnd::claimed).orElse(0L));
        segment.put("slots_due_unclaimed", ended.map(SegmentEnd::dueUnclaimed).orElse(0L));
        segments.add(segment);
        if (ended.isPresent() && ended.get().dueUnclaimed() > 0) {
            say.accept((phase == SearchPhase.STEP ? "step " : "trial ") + number + ": "
                    + ended.get().dueUnclaimed()
                    + " requests fell due with every virtual user busy (" + poolUsers + " users): not sent");
        }
        long giveUp = clock.nanoTime() + (long) (rowWaitS() * 1e9);
        while (!aborted.getAsBoolean() && clock.nanoTime() < giveUp) {
            Optional<StepResult> written = writtenStep.apply(number);
            if (written.isPresent()) return written;
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    /** After a failed trial: no new arrivals until what it left in flight has come back (or timed out). */
    private void drain() throws InterruptedException {
        long giveUp = clock.nanoTime() + (long) ((requestTimeoutS + 1) * 1e9);
        while (recorder.inFlightTotal() > 0 && clock.nanoTime() < giveUp && !aborted.getAsBoolean()) Thread.sleep(20);
    }

    private void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - clock.nanoTime()) > 0 && !done) {
            Thread.sleep(Math.max(1, Math.min(200, left / 1_000_000)));
        }
    }
}
