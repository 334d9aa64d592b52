package dev.headroom.load;

import dev.headroom.lab.JvmHeap;
import dev.headroom.lab.Lab;
import dev.headroom.lab.LabSettings;
import dev.headroom.lab.OwnProcess;
import dev.headroom.lab.PrometheusProcess;
import dev.headroom.metrics.ClientRecorder;
import dev.headroom.metrics.JvmMemoryFloor;
import dev.headroom.metrics.NanoClock;
import dev.headroom.metrics.Outcome;
import dev.headroom.metrics.ProcCpu;
import dev.headroom.metrics.ServerSampler;
import dev.headroom.metrics.ServerSource;
import dev.headroom.metrics.StatementTimes;
import dev.headroom.metrics.StepWindows;
import dev.headroom.results.ConsoleSummary;
import dev.headroom.results.RunDirectory;
import dev.headroom.results.RunJournal;
import dev.headroom.results.RunJournal.Status;
import dev.headroom.results.RunJson;
import dev.headroom.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The run itself, from the load's point of view: {@link #prepare} checks the settings and the
 * scenario before any load ({@link Preflight}); {@link #start} creates the run directory and starts
 * the lab; requests are recorded while Gatling runs ({@link #begin}, {@link #end}); each step is
 * written as soon as it ends; {@link #endLoad} writes the last steps, checks the reference service's
 * orders and stops the lab. What comes after (sizing, assertions) is the caller's, so the load does
 * not depend on the report. A JVM shutdown hook stops the lab on every other way out (failure,
 * Ctrl-C) and sets the exit code.
 */
public final class LoadRun {
    /** Exit codes, as documented in the README. */
    public static final int EXIT_FAILED = 2;

    public static final int EXIT_ABORTED = 3;
    public static final int EXIT_ASSERTIONS_FAILED = 4;

    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);

    /**
     * With a Prometheus scraping the service every second, Headroom's own scrape of it in a trial
     * is only the cross-check, so it asks every third sample rather than every one: each scrape
     * costs the service about 5 ms of CPU inside its budget (docs/metrics.md, "What Headroom's own
     * sampling costs"). A 5 s trial then holds two scrapes two times in three and one otherwise
     * (its cross-check then has /proc's CPU and no request rate); /proc is still read every second,
     * and a search's warm-up asks for every scrape (SearchDriver).
     */
    static final int SCRAPE_EVERY_WITH_PROMETHEUS = 3;

    private final LabSettings settings;
    private final Scenario scenario;
    private String runId; // a suffix is added if two runs start in the same second
    private final NanoClock clock = NanoClock.SYSTEM;
    private final ClientRecorder recorder;
    private final long createdMillis = System.currentTimeMillis();

    private RunDirectory dir;
    private RunJournal journal;
    private Lab lab;
    private ServerSampler sampler;
    private ServerMetrics metrics;
    /** Prometheus launched while the service starts; {@link #metrics} owns it once open. */
    private volatile PrometheusProcess earlyPrometheus;

    private final List<String> noDbStatements = new ArrayList<>(); // why db_read/db_write are not measured
    private ScenarioRequests requests;
    private StepWriter steps;
    private volatile String baseUrl;
    private volatile String abortReason;
    private volatile long abortNanos = Long.MAX_VALUE;
    private int problemsInARow; // touched by the sampler thread only
    private boolean loadEnded;
    private SearchDriver search; // a paced load's (a search, a settled staircase), once started

    /**
     * One request (or one pass of a user's scenario) on its way: where the recorder files it.
     * {@code startNanos} is when it should have been sent (a search's schedule) or was sent (a
     * staircase); {@code sendNanos} when it was, so a late send counts as latency.
     */
    public record Sent(int index, int step, long startNanos, long sendNanos) {}

    private LoadRun(LabSettings settings, Scenario scenario) {
        this.settings = settings;
        this.scenario = scenario;
        this.runId = runId(scenario.name());
        // a paced load (a search, a staircase after a settled warm-up) plans each step as it goes
        StepWindows windows = scenario.load().paced()
                ? StepWindows.growing(scenario.load().steps())
                : new StepWindows(scenario.load().plan());
        this.recorder = new ClientRecorder(windows, scenario.requestNames());
    }

    /**
     * Checks the settings and the scenario ({@link Preflight}) and says what will be sent. Nothing
     * is started and nothing is written: a mistake is reported before any load is sent.
     */
    public static LoadRun prepare(LabSettings settings, Scenario scenario) {
        Preflight.check(settings, scenario);
        LoadRun run = new LoadRun(settings, scenario);
        Preflight.announce(settings, scenario);
        return run;
    }

    /**
     * Creates {@code results/<run-id>/}, times the host's CPU with {@code calibration} (unless
     * -Dheadroom.calibration=off; null: none is available) and starts the lab; the target is
     * announced before any load.
     */
    public void start(Supplier<Map<String, Object>> calibration) {
        dir = createRunDirectory();
        runId = dir.path().getFileName().toString();
        journal = new RunJournal(dir.path(), runId);
        Runtime.getRuntime().addShutdownHook(new Thread(this::onJvmExit, "headroom-exit"));
        say("results go to " + dir.path());
        try {
            startLab(calibration);
        } catch (RuntimeException e) {
            journal.end(Status.FAILED, "the run did not start: " + e.getMessage());
            throw e;
        }
        journal.running();
        say("sending load to " + lab.target().baseUrl() + ": " + Preflight.describeLoad(scenario));
        if (scenario.load().paced()) {
            search = new SearchDriver(
                    scenario.load(),
                    scenario.slo(),
                    scenario.requestTimeoutS(),
                    settings.target().isEmpty()
                            ? settings.cpuBudget(scenario.service().cpus()).orElse(Double.NaN)
                            : Double.NaN,
                    warmupBoost(),
                    recorder.windows(),
                    recorder,
                    sampler,
                    clock,
                    journal,
                    step -> {
                        writeSteps(false);
                        return steps.result(step);
                    },
                    this::aborted,
                    LoadRun::say);
            search.start();
        }
    }

    /**
     * The service's adjustable quota, for the warm-up's boost and for a budget the host can hold,
     * when the lab's service sits in a cgroup of its own; empty for a service at a URL (its CPU is
     * not Headroom's to change) or under taskset. With -Dheadroom.warmup-boost=off the warm-up's
     * quota is the budget.
     */
    private Optional<WarmupBoost> warmupBoost() {
        return lab.adjustableBudget()
                .filter(b -> b.applied().appliedCpus().isPresent())
                .map(b -> {
                    double budget = b.applied().appliedCpus().getAsDouble();
                    WarmupBoost.Quota quota = new WarmupBoost.Quota() {
                        @Override
                        public void set(double cores) throws IOException {
                            b.setQuota(cores);
                        }

                        @Override
                        public boolean lower(double cores, String why) throws IOException {
                            if (!settings.budgetToHost()) return false;
                            lab.lowerBudget(cores, why);
                            journal.set("lab", lab.facts());
                            return true;
                        }
                    };
                    return new WarmupBoost(
                            budget,
                            settings.warmupBoost()
                                    ? WarmupBoost.warmupCores(
                                            budget, Runtime.getRuntime().availableProcessors())
                                    : budget,
                            b.applied().mechanism(),
                            quota);
                });
    }

    /**
     * The quota the lab's service starts on until it is ready: a search's warm-up quota when the
     * warm-up may be boosted (the start is the coldest the JVM will be, and 0.5 cores took 26 s of
     * quick's 3 min 18 s here, 2026-12-06), else NaN (the budget). The lab sets the quota back to the
     * budget at ready, and the sizer reads the start-up as it would be on the budget.
     */
    private double startCores() {
        OptionalDouble budget = settings.cpuBudget(scenario.service().cpus());
        if (!scenario.load().paced() || !settings.warmupBoost() || budget.isEmpty()) return Double.NaN;
        return WarmupBoost.warmupCores(
                budget.getAsDouble(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * The driver that paces a {@code model: search} run's users, or an open staircase's with a
     * settled warm-up; empty for a staircase on Gatling's injection profile.
     */
    public Optional<SearchDriver> search() {
        return Optional.ofNullable(search);
    }

    private void startLab(Supplier<Map<String, Object>> calibration) {
        journal.set("environment", RunFacts.environment(calibrate(calibration)));
        journal.set("scenario", RunFacts.scenario(scenario));
        journal.set("settings", RunFacts.settings(settings, scenario));
        try {
            startLabAndMetrics();
        } catch (RuntimeException e) {
            // the lab stops what it started; a Prometheus launched beside the service is this run's
            if (metrics == null && earlyPrometheus != null) earlyPrometheus.close();
            throw e;
        }
    }

    private void startLabAndMetrics() {
        lab = Lab.start(
                settings,
                scenario,
                dir.path(),
                LoadRun::say,
                metricsUrl ->
                        earlyPrometheus = ServerMetrics.launchEarly(settings, metricsUrl, dir.path(), LoadRun::say)
                                .orElse(null),
                startCores());
        journal.set("lab", lab.facts());
        SizingInputs.check(settings, lab, LoadRun::say).ifPresent(f -> journal.set("sizing_inputs", f));
        Lab.Target target = lab.target();
        baseUrl = target.baseUrl().toString().replaceAll("/+$", "");
        // short and unique across runs sharing one database: the key column holds 64 characters
        String keyPrefix = "hr" + Long.toString(createdMillis, 36)
                + Long.toString(ProcessHandle.current().pid(), 36) + "-";
        requests = new ScenarioRequests(
                scenario,
                lab.catalog(),
                new OrderLedger(keyPrefix, lab.catalog().orders()));
        metrics = ServerMetrics.open(
                settings, target, dir.path(), SAMPLE_INTERVAL, LoadRun::say, Optional.ofNullable(earlyPrometheus));
        int scrapeEvery = metrics.source() == ServerSource.DIRECT ? 1 : SCRAPE_EVERY_WITH_PROMETHEUS;
        metrics.directScrapeInterval(SAMPLE_INTERVAL.multipliedBy(scrapeEvery));
        journal.set("metrics", metrics.facts());
        Optional<StatementTimes> statements = lab.dataSource().flatMap(ds -> StatementTimes.open(ds, noDbStatements));
        if (lab.dataSource().isEmpty())
            noDbStatements.add("Headroom has no connection to the service's database (the user's own service)");
        journal.set(
                "db_statements",
                statements.isPresent()
                        ? Map.of("source", "performance_schema.events_statements_summary_by_digest")
                        : Map.of("source", "none", "why", String.join("; ", noDbStatements)));
        sampler = new ServerSampler(
                new ServerSampler.Sources(
                        target.prometheusUrl(),
                        target.appPid(),
                        lab.databasePid(),
                        target.appPort(),
                        statements,
                        lab.serviceCpuStat()),
                clock,
                SAMPLE_INTERVAL,
                scrapeEvery);
        steps = new StepWriter(scenario, recorder, sampler, metrics.source(), dir, journal, clock, LoadRun::say);
        sampler.onSample(this::onSample);
        journal.set(
                "target",
                Map.of(
                        "base_url", target.baseUrl().toString(),
                        "metrics", target.prometheusUrl().map(Object::toString).orElse("none"),
                        "reference_service", target.referenceService()));
    }

    /** Before the lab starts, so the host is as idle as it will be for every run. */
    private Map<String, Object> calibrate(Supplier<Map<String, Object>> calibration) {
        if (calibration == null) {
            return Map.of(
                    "status",
                    "skipped",
                    "why",
                    "the simulation times no host calibration (Headroom's own uses JMH from its test classpath)");
        }
        if (!settings.calibrate()) return Map.of("status", "skipped", "why", "-Dheadroom.calibration=off");
        say("timing the host's CPU (a few seconds of JMH; -Dheadroom.calibration=off skips it)");
        Map<String, Object> measured = calibration.get();
        say("host calibration: "
                + (measured.get("ops_per_s") instanceof Double ops
                        ? String.format(Locale.ROOT, "%.0f ops/s", ops)
                        : measured.get("status") + " " + measured.getOrDefault("message", "")));
        return measured;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The target's base URL without a trailing slash, for the requests to append paths to. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The requests the scenario file lists, known once the lab has started (it holds the seeded ids). */
    public ScenarioRequests scenarioRequests() {
        return requests;
    }

    /** Records that request {@code index} (of {@link Scenario#requestNames()}) is sent now. */
    public Sent begin(int index) {
        long t0 = clock.nanoTime();
        return new Sent(index, recorder.begin(index, t0), t0, t0);
    }

    /**
     * Records that request {@code index} is sent now, though it was due at {@code intendedNanos} (a
     * search's schedule): it belongs to the trial whose window holds its intended time, and its
     * latency runs from then (no coordinated omission).
     */
    public Sent begin(int index, long intendedNanos) {
        long t0 = clock.nanoTime();
        long start = Math.min(intendedNanos, t0); // never credit an early send
        return new Sent(index, recorder.begin(index, start), start, t0);
    }

    /**
     * Records the end of a request. {@code responseTimeMs} is Gatling's, or negative when there is
     * none (then the elapsed time stands in); {@code outcome} classifies it, given the elapsed seconds.
     */
    public void end(Sent sent, long responseTimeMs, java.util.function.DoubleFunction<Outcome> outcome) {
        long end = clock.nanoTime();
        // Gatling times from the actual send; a late send adds its wait since the intended time
        long lateMs = (sent.sendNanos() - sent.startNanos()) / 1_000_000;
        recorder.end(
                sent.index(),
                sent.step(),
                sent.startNanos(),
                end,
                responseTimeMs >= 0 ? responseTimeMs + lateMs : -1,
                outcome.apply((end - sent.startNanos()) / 1e9));
    }

    /** Set when the lab can no longer serve the run; the simulation then stops the load generator. */
    public boolean aborted() {
        return abortReason != null;
    }

    public String abortReason() {
        return abortReason;
    }

    /** {@code results/<run-id>/}, created by {@link #start}. */
    public RunDirectory directory() {
        return dir;
    }

    /** The run's run.json, for the steps after the load to record what they found. */
    public RunJournal journal() {
        return journal;
    }

    /**
     * Called after the load: writes what is left, reconciles the reference service's orders and
     * stops the lab. The run is still {@link Status#RUNNING} afterwards unless it was aborted or
     * failed its integrity check; the caller then sizes it and {@link #complete completes} it.
     */
    public synchronized void endLoad() {
        if (loadEnded) return;
        loadEnded = true;
        if (search != null) search.stop();
        writeSteps(true);
        if (abortReason == null && search != null)
            search.incomplete(steps.written()).ifPresent(why -> {
                abortNanos = clock.nanoTime();
                abortReason = why;
                say("ABORTING: " + why);
            });
        sampler.close();
        try {
            recordJvmMemory();
        } catch (RuntimeException e) {
            // the floor is one figure of the sizing; the run's ending (integrity, the lab's stop) must go on
            say("could not record the service's JVM memory: " + e);
        }
        if (abortReason != null) {
            journal.end(
                    Status.ABORTED,
                    "aborted during step " + (steps.written() + 1) + ": " + abortReason + "; " + stepsOnDisk());
        } else {
            OrderIntegrity.check(lab, requests.ledger(), journal);
        }
        say("steps of run " + runId + ":\n" + ConsoleSummary.render(dir.steps()));
        ServerCoverage.record(
                dir,
                lab.target(),
                noDbStatements,
                lab.serviceCpuStat().filter(Files::isReadable).isPresent(),
                journal);
        closeLab();
    }

    /**
     * Read back by input.RunRecord: the sizer's memory floor for a JVM service, when its heap was set.
     * The gauges come from Headroom's own scrape of the endpoint, else from the Prometheus the run
     * read (a service of yours seen only through it). The heap maximum is the {@code -Xmx} Headroom
     * started the service with or read on its command line where there is one (exact), else what
     * the gauges say; with that {@code -Xmx} and no gauges, the floor is the heap alone.
     */
    private void recordJvmMemory() {
        Optional<JvmMemoryFloor> gauges = sampler.jvmMemoryFloor();
        String from = ServerSource.DIRECT.name();
        if (gauges.isEmpty() && metrics != null) {
            Duration run = Duration.ofMillis(System.currentTimeMillis() - createdMillis);
            gauges = metrics.source().jvmMemoryFloor(run, Instant.now());
            from = metrics.source().name();
        }
        Optional<JvmHeap> flags = lab.ownProcess().flatMap(OwnProcess::heap);
        OptionalLong xmx = lab.target().referenceService()
                ? JvmHeap.bytes(scenario.service().heap())
                : flags.map(JvmHeap::maxHeapBytes).orElse(OptionalLong.empty());
        Optional<RunFacts.JvmFloor> floor = RunFacts.jvmFloor(gauges, from, xmx);
        if (floor.isEmpty()) return;
        JvmMemoryFloor m = floor.get().floor();
        JvmHeapOrigin origin = JvmHeapOrigin.of(
                lab.target().referenceService(),
                flags,
                m.heapMaxMib(),
                ProcCpu.hostMemoryBytes().orElse(Double.NaN) / (1024 * 1024));
        journal.set(RunJson.SERVICE_JVM_MEMORY, RunFacts.serviceJvmMemory(floor.get(), origin));
        if (!origin.set())
            say(String.format(
                    Locale.ROOT,
                    "the service's JVM heap maximum (%.0f MiB) is not a floor for its memory: %s. Start it with"
                            + " the -Xmx it runs with in production to have the plan hold and pin it",
                    m.heapMaxMib(),
                    origin.why()));
    }

    /** Whether the run measured every step and passed its checks so far (the post-run steps may follow). */
    public boolean measuredInFull() {
        return journal.status() == Status.RUNNING;
    }

    /** Ends a run measured in full: completed, or assertions failed when {@code failedAssertions} is given. */
    public void complete(Optional<String> failedAssertions) {
        String measured = steps.written() + " steps measured; results in " + dir.path();
        if (failedAssertions.isPresent())
            journal.end(Status.ASSERTIONS_FAILED, "assertions failed: " + failedAssertions.get() + "; " + measured);
        else journal.end(Status.COMPLETED, measured);
        sayStatus();
    }

    /** Says how the run ended and where its results are. */
    public void sayStatus() {
        say(journal.status().key() + ": " + dir.path());
    }

    private void onSample() {
        if (abortReason == null) {
            Optional<String> problem = lab.problem();
            // twice in a row, a second apart: one failed look at a process is not its death
            if (problem.isPresent() && ++problemsInARow >= 2) {
                abortNanos = clock.nanoTime() - SAMPLE_INTERVAL.toNanos();
                abortReason = problem.get();
                say("ABORTING: " + abortReason);
            } else if (problem.isEmpty()) {
                problemsInARow = 0;
            }
        }
        writeSteps(false);
    }

    private void writeSteps(boolean runEnded) {
        steps.writeReady(runEnded, abortNanos).ifPresent(failure -> {
            if (abortReason == null) {
                abortNanos = clock.nanoTime();
                abortReason = failure;
                say("ABORTING: " + failure);
            }
        });
    }

    /** Runs on every JVM exit, after Gatling has written its report. */
    private void onJvmExit() {
        endLoadIfAborted();
        GatlingReport.copy(settings.gatlingResultsDir(), createdMillis, dir.path(), journal);
        int step = steps == null ? 1 : steps.written() + 1;
        if (journal.end(Status.INTERRUPTED, "interrupted during step " + step + "; " + stepsOnDisk())) {
            say("interrupted: stopping the lab; steps measured so far are in " + dir.path());
        }
        closeLab();
        Status status = journal.status();
        if (status == Status.FAILED || status == Status.ABORTED || status == Status.ASSERTIONS_FAILED) {
            System.err.println(
                    "headroom: run " + status.key() + " - see " + dir.path().resolve(RunDirectory.RUN_JSON));
            System.err.flush();
            // Gatling has finished and reported; only the exit code is left to set
            Runtime.getRuntime()
                    .halt(
                            switch (status) {
                                case FAILED -> EXIT_FAILED;
                                case ASSERTIONS_FAILED -> EXIT_ASSERTIONS_FAILED;
                                default -> EXIT_ABORTED;
                            });
        }
    }

    /**
     * Gatling stops the load generator on an abort and never runs what a simulation chained after the
     * load (Headroom.staircase's end of run): the load is ended here, unless the simulation's after() did.
     */
    private synchronized void endLoadIfAborted() {
        if (abortReason == null || steps == null || loadEnded) return;
        endLoad();
        sayStatus();
    }

    private String stepsOnDisk() {
        int written = steps == null ? 0 : steps.written();
        if (written == 0) return "no step had been measured yet";
        return (written == 1 ? "step 1 is" : "steps 1-" + written + " are") + " on disk in " + dir.path();
    }

    private synchronized void closeLab() {
        if (search != null) search.stop();
        if (sampler != null) sampler.close();
        if (metrics != null) metrics.close();
        if (earlyPrometheus != null) earlyPrometheus.close(); // idempotent: metrics may have stopped it
        if (lab != null) lab.close();
    }

    private RunDirectory createRunDirectory() {
        for (int attempt = 1; ; attempt++) {
            String id = attempt == 1 ? runId : runId + "-" + attempt;
            if (!Files.exists(settings.resultsDir().resolve(id))) return RunDirectory.create(settings.resultsDir(), id);
        }
    }

    /** One line of progress on the console, prefixed so it stands out of Gatling's own output. */
    public static void say(String line) {
        System.out.println("headroom: " + line);
        System.out.flush();
    }

    private static String runId(String scenarioName) {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + scenarioName.replaceAll("[^A-Za-z0-9.-]", "-");
    }
}
