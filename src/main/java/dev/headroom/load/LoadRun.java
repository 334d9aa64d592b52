package dev.headroom.load;

import dev.headroom.input.StepsTable;
import dev.headroom.lab.Lab;
import dev.headroom.lab.LabException;
import dev.headroom.lab.LabSettings;
import dev.headroom.metrics.ClientRecorder;
import dev.headroom.metrics.NanoClock;
import dev.headroom.metrics.ServerSampler;
import dev.headroom.metrics.StepWindows;
import dev.headroom.metrics.StepsCsv;
import dev.headroom.report.SizingJob;
import dev.headroom.results.ConsoleSummary;
import dev.headroom.results.RunDirectory;
import dev.headroom.results.RunJournal;
import dev.headroom.results.RunJournal.Status;
import dev.headroom.results.StepColumns;
import dev.headroom.scenario.ClosedLoad;
import dev.headroom.scenario.Endpoint;
import dev.headroom.scenario.OpenLoad;
import dev.headroom.scenario.Scenario;
import dev.headroom.scenario.ScenarioLoader;
import dev.headroom.scenario.StepPlan;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.ReferenceLoad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One capacity test from the simulation's point of view: {@link #prepare} checks the settings and
 * the scenario before any load; {@link #start} creates the run directory and starts the lab;
 * requests are recorded while Gatling runs; each step is written as soon as it ends; {@link
 * #finish} checks that no write was lost and stops the lab. A JVM shutdown hook stops the lab on
 * every other way out (failure, Ctrl-C) and sets the exit code.
 */
public final class LoadRun {
    /** Exit codes, as documented in the README. */
    static final int EXIT_FAILED = 2;

    static final int EXIT_ABORTED = 3;
    static final int EXIT_ASSERTIONS_FAILED = 4;

    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);

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
    private OrderLedger ledger;
    private RequestPlanner planner;
    private StepWriter steps;
    private volatile String baseUrl;
    private volatile String abortReason;
    private volatile long abortNanos = Long.MAX_VALUE;
    private int problemsInARow; // touched by the sampler thread only

    private LoadRun(LabSettings settings, Scenario scenario) {
        this.settings = settings;
        this.scenario = scenario;
        this.runId = runId(scenario.name());
        this.recorder = new ClientRecorder(new StepWindows(scenario.load().plan()), scenario.requestNames());
    }

    /**
     * Reads and checks the settings and the scenario. Nothing is started and nothing is written:
     * a mistake is reported before any load is sent.
     */
    public static LoadRun prepare() {
        LabSettings settings = LabSettings.fromSystemProperties();
        ServerMetrics.check(settings);
        Scenario scenario = ScenarioLoader.load(settings.scenario(), settings.scenariosDir());
        if (scenario.mix().getOrDefault(Endpoint.GET_ORDER, 0) > 0
                && scenario.seed().orders() == 0) {
            throw new LabException(scenario.source() + ": mix.get_order needs seed.orders >= 1 (orders to read)");
        }
        if (scenario.ownService() && settings.database() instanceof LabSettings.External) {
            throw new LabException(scenario.source() + ": -Dheadroom.db seeds the reference service's schema;"
                    + " a scenario of your own requests (requests:) runs against your data as it is: remove"
                    + " -Dheadroom.db");
        }
        if (scenario.ownService() && settings.target().isEmpty()) {
            throw new LabException(scenario.source() + ": this scenario lists your own service's requests"
                    + " (requests:); say where the service is with -Dheadroom.target=http://127.0.0.1:PORT");
        }
        LoadRun run = new LoadRun(settings, scenario);
        say("scenario " + scenario.name() + " (" + scenario.source() + ", sha256 "
                + scenario.sha256().substring(0, 12) + "): " + describeLoad(scenario));
        // said before anything is started or sent, so a wrong target can still be stopped with Ctrl-C
        say("target: " + settings.target().map(Object::toString).orElse("the lab's reference service on loopback")
                + (settings.remoteTargetAllowed() && settings.target().isPresent() ? " (remote targets allowed)" : "")
                + "; highest rate: " + highestRate(scenario));
        return run;
    }

    /**
     * Creates {@code results/<run-id>/}, times the host's CPU with {@code calibration} (unless
     * -Dheadroom.calibration=off) and starts the lab; the target is announced before any load.
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
        say("sending load to " + lab.target().baseUrl() + ": " + describeLoad(scenario));
    }

    private void startLab(Supplier<Map<String, Object>> calibration) {
        journal.set("environment", RunFacts.environment(calibrate(calibration)));
        journal.set("scenario", RunFacts.scenario(scenario));
        journal.set("settings", RunFacts.settings(settings, scenario));
        lab = Lab.start(settings, scenario, dir.path(), LoadRun::say);
        journal.set("lab", lab.facts());
        Lab.Target target = lab.target();
        baseUrl = target.baseUrl().toString().replaceAll("/+$", "");
        // short and unique across runs sharing one database: the key column holds 64 characters
        String keyPrefix = "hr" + Long.toString(createdMillis, 36)
                + Long.toString(ProcessHandle.current().pid(), 36) + "-";
        ledger = new OrderLedger(keyPrefix, lab.catalog().orders());
        planner = RequestPlanner.of(scenario, lab.catalog(), ledger);
        metrics = ServerMetrics.open(settings, target, dir.path(), SAMPLE_INTERVAL, LoadRun::say);
        journal.set("metrics", metrics.facts());
        sampler = new ServerSampler(
                new ServerSampler.Sources(target.prometheusUrl(), target.appPid(), lab.databasePid(), target.appPort()),
                clock,
                SAMPLE_INTERVAL);
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

    public ClientRecorder recorder() {
        return recorder;
    }

    public RequestPlanner planner() {
        return planner;
    }

    public OrderLedger ledger() {
        return ledger;
    }

    public NanoClock clock() {
        return clock;
    }

    public double requestTimeoutS() {
        return scenario.requestTimeoutS();
    }

    /** Set when the lab can no longer serve the run; the simulation then stops the load generator. */
    public boolean aborted() {
        return abortReason != null;
    }

    public String abortReason() {
        return abortReason;
    }

    /** Called after the load: writes what is left, reconciles the orders and stops the lab. */
    public void finish() {
        writeSteps(true);
        sampler.close();
        if (abortReason != null) {
            journal.end(
                    Status.ABORTED,
                    "aborted during step " + (steps.written() + 1) + ": " + abortReason + "; " + stepsOnDisk());
        } else {
            reconcile();
        }
        say("steps of run " + runId + ":\n" + ConsoleSummary.render(dir.steps()));
        recordServerCoverage();
        closeLab();
        if (journal.status() == Status.RUNNING) {
            size();
            String measured = steps.written() + " steps measured; results in " + dir.path();
            Optional<AssertionCheck.Outcome> assertions = checkAssertions();
            if (assertions.isPresent() && !assertions.get().held())
                journal.end(
                        Status.ASSERTIONS_FAILED,
                        "assertions failed: " + assertions.get().failures() + "; " + measured);
            else journal.end(Status.COMPLETED, measured);
        }
        say(journal.status().key() + ": " + dir.path());
    }

    /**
     * Runs the sizer on the finished run with the scenario's sizing request, {@code
     * sizing/<scenario>.yaml} beside the scenario file. Its failure is reported, never fatal: the
     * measured steps are already on disk and stay valid.
     */
    private void size() {
        Path request = Path.of(scenario.source())
                .toAbsolutePath()
                .getParent()
                .resolve("sizing")
                .resolve(scenario.name() + ".yaml");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("request", request.toString());
        if (!Files.isRegularFile(request)) {
            record.put("status", "skipped");
            record.put("message", "no sizing request for scenario " + scenario.name());
            say("sizing skipped: no " + request);
        } else {
            try {
                SizingJob.Outcome o = SizingJob.run(SizingJob.Job.of(dir.path(), request));
                record.put("status", "written");
                record.put(
                        "files",
                        o.written().stream()
                                // the sizer writes absolute paths; the results folder may be given relative
                                .map(p -> dir.path()
                                        .toAbsolutePath()
                                        .relativize(p.toAbsolutePath())
                                        .toString())
                                .toList());
                record.put(
                        "findings",
                        o.sizing().findings().stream()
                                .map(f -> f.code().name())
                                .distinct()
                                .toList());
                say("sizing:\n" + SizingJob.summary(o.sizing()) + "report: "
                        + dir.path().resolve(SizingJob.REPORT_HTML));
            } catch (RuntimeException e) {
                record.put("status", "failed");
                record.put("message", String.valueOf(e.getMessage()));
                say("sizing failed (the measured steps are unaffected): " + e.getMessage());
            }
        }
        journal.set("sizing", record);
    }

    /** Says which server-side figures the run could not measure, and why, rather than leaving blanks unexplained. */
    private void recordServerCoverage() {
        if (dir.steps().isEmpty()) return;
        List<String> missing = StepColumns.serverSideUnmeasured(dir.steps());
        Map<String, Object> coverage = new LinkedHashMap<>();
        coverage.put("not_measured", missing);
        List<String> why = new java.util.ArrayList<>();
        if (missing.contains(StepsCsv.DB_CPU_CORES)) {
            why.add(StepsCsv.DB_CPU_CORES + ": the database is not a process Headroom started on this host");
        }
        if (missing.stream().anyMatch(c -> !c.equals(StepsCsv.DB_CPU_CORES))) {
            why.add(
                    lab.target().prometheusUrl().isEmpty()
                            ? "no metrics endpoint was given (-Dheadroom.target.metrics), and Headroom did not start the"
                                    + " service, so it cannot read its /proc either: client-side figures only"
                            : "the metrics endpoint "
                                    + lab.target().prometheusUrl().get() + " does not expose them (Headroom"
                                    + " reads Micrometer's names, and process_cpu_seconds_total and"
                                    + " process_resident_memory_bytes of the Prometheus client libraries)");
        }
        if (!missing.isEmpty()) {
            coverage.put("why", why);
            say("server-side figures not measured: " + String.join(", ", missing) + "; " + String.join("; ", why));
        }
        journal.set("server_figures", coverage);
    }

    /** The scenario's assertions against the steps on disk, recorded in run.json; empty when it has none. */
    private Optional<AssertionCheck.Outcome> checkAssertions() {
        if (!scenario.assertions().any()) return Optional.empty();
        try {
            List<MeasuredStep> measured = StepsTable.read(dir.path().resolve(RunDirectory.STEPS_CSV));
            double middle = ReferenceLoad.middle(
                    scenario.load().plan().stream().map(StepPlan::offered).toList());
            AssertionCheck.Outcome o = AssertionCheck.check(scenario.assertions(), scenario.slo(), measured, middle);
            journal.set("assertions", o);
            for (AssertionCheck.Result r : o.results())
                say("assertion " + (r.held() ? "held" : "FAILED") + ": " + r.message());
            return Optional.of(o);
        } catch (RuntimeException e) {
            // the steps are on disk but unreadable as a table: the assertions cannot have held
            journal.set("assertions", Map.of("held", false, "message", String.valueOf(e.getMessage())));
            say("assertions could not be checked: " + e.getMessage());
            return Optional.of(new AssertionCheck.Outcome(false, Double.NaN, 0, List.of()));
        }
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

    private void reconcile() {
        Optional<javax.sql.DataSource> ds = lab.dataSource();
        if (ds.isEmpty()) {
            journal.set(
                    "integrity", Map.of("evaluated", false, "why", "the target is not the lab's reference service"));
            return;
        }
        try {
            OrderLedger.Reconciliation r = ledger.reconcile(ds.get());
            journal.set("integrity", r);
            say(String.format(
                    Locale.ROOT,
                    "integrity: %d orders acknowledged, %d stored for this run, %d lost, %d with another id,"
                            + " %d stored but unacknowledged (timed out after commit), %d replays answered, %d"
                            + " answered with another order",
                    r.acknowledged(),
                    r.storedForRun(),
                    r.lost(),
                    r.idMismatches(),
                    r.storedButUnacknowledged(),
                    r.replaysAnswered(),
                    r.replayMismatches()));
            if (!r.passed()) {
                journal.end(Status.FAILED, "integrity check failed: " + r);
            }
        } catch (java.sql.SQLException e) {
            journal.end(Status.FAILED, "integrity check could not read the database: " + e.getMessage());
        }
    }

    /** Runs on every JVM exit, after Gatling has written its report. */
    private void onJvmExit() {
        copyGatlingReport();
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

    private String stepsOnDisk() {
        int written = steps == null ? 0 : steps.written();
        if (written == 0) return "no step had been measured yet";
        return (written == 1 ? "step 1 is" : "steps 1-" + written + " are") + " on disk in " + dir.path();
    }

    private synchronized void closeLab() {
        if (sampler != null) sampler.close();
        if (metrics != null) metrics.close();
        if (lab != null) lab.close();
    }

    private void copyGatlingReport() {
        Path gatling = settings.gatlingResultsDir();
        if (!Files.isDirectory(gatling)) return;
        try (var runs = Files.list(gatling)) {
            Optional<Path> newest = runs.filter(p -> Files.exists(p.resolve("index.html")))
                    .filter(p -> p.toFile().lastModified() >= createdMillis)
                    .max((a, b) ->
                            Long.compare(a.toFile().lastModified(), b.toFile().lastModified()));
            if (newest.isPresent()) {
                copyTree(newest.get(), dir.path().resolve("gatling"));
                journal.set("gatling_report", "gatling/index.html");
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("headroom: could not copy Gatling's report: " + e.getMessage());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    private RunDirectory createRunDirectory() {
        for (int attempt = 1; ; attempt++) {
            String id = attempt == 1 ? runId : runId + "-" + attempt;
            if (!Files.exists(settings.resultsDir().resolve(id))) return RunDirectory.create(settings.resultsDir(), id);
        }
    }

    static String describeLoad(Scenario s) {
        var plan = s.load().plan();
        double highest = plan.stream().mapToDouble(StepPlan::offered).max().orElse(0);
        String unit = " " + s.load().model().loadUnit();
        return String.format(
                Locale.ROOT,
                "%s model, %d steps, highest offered load %.0f%s, %.0f s of load",
                s.load().model().key(),
                plan.size(),
                highest,
                unit,
                s.load().totalDurationS());
    }

    /**
     * The most Headroom will send. In the open model that is the top step's arrival rate; in the
     * closed model the users' think time bounds it, or without think time only the service's speed.
     */
    static String highestRate(Scenario s) {
        if (s.load() instanceof ClosedLoad closed) {
            int users = Math.max(
                    closed.warmupUsers(),
                    s.load().plan().stream()
                            .mapToInt(p -> (int) p.offered())
                            .max()
                            .orElse(0));
            if (closed.thinkTimeS() > 0) {
                return String.format(
                        Locale.ROOT,
                        "at most %.0f req/s (%d users, each pausing %.1f s between requests)",
                        users / closed.thinkTimeS(),
                        users,
                        closed.thinkTimeS());
            }
            return users + " users sending back to back (closed model, no think time): as fast as the service"
                    + " answers, with at most " + users + " requests in flight";
        }
        double highest = Math.max(
                ((OpenLoad) s.load()).warmupRps(),
                s.load().plan().stream().mapToDouble(StepPlan::offered).max().orElse(0));
        return String.format(Locale.ROOT, "%.0f req/s (open model)", highest);
    }

    static void say(String line) {
        System.out.println("headroom: " + line);
        System.out.flush();
    }

    private static String runId(String scenarioName) {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + scenarioName.replaceAll("[^A-Za-z0-9.-]", "-");
    }
}
