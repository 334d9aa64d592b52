package dev.headroom.load;

import dev.headroom.lab.Lab;
import dev.headroom.lab.LabException;
import dev.headroom.lab.LabSettings;
import dev.headroom.metrics.ClientRecorder;
import dev.headroom.metrics.NanoClock;
import dev.headroom.metrics.ServerSampler;
import dev.headroom.metrics.StepWindows;
import dev.headroom.report.SizingJob;
import dev.headroom.results.ConsoleSummary;
import dev.headroom.results.RunDirectory;
import dev.headroom.results.RunJournal;
import dev.headroom.results.RunJournal.Status;
import dev.headroom.scenario.ClosedLoad;
import dev.headroom.scenario.Endpoint;
import dev.headroom.scenario.Scenario;
import dev.headroom.scenario.ScenarioLoader;
import dev.headroom.scenario.StepPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
        this.recorder = new ClientRecorder(new StepWindows(scenario.load().plan()));
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
        LoadRun run = new LoadRun(settings, scenario);
        say("scenario " + scenario.name() + " (" + scenario.source() + ", sha256 "
                + scenario.sha256().substring(0, 12) + "): " + describeLoad(scenario));
        return run;
    }

    /** Creates {@code results/<run-id>/} and starts the lab; the target is announced before any load. */
    public void start() {
        dir = createRunDirectory();
        runId = dir.path().getFileName().toString();
        journal = new RunJournal(dir.path(), runId);
        Runtime.getRuntime().addShutdownHook(new Thread(this::onJvmExit, "headroom-exit"));
        say("results go to " + dir.path());
        try {
            startLab();
        } catch (RuntimeException e) {
            journal.end(Status.FAILED, "the run did not start: " + e.getMessage());
            throw e;
        }
        journal.running();
        say("sending load to " + lab.target().baseUrl() + ": " + describeLoad(scenario));
    }

    private void startLab() {
        journal.set("environment", RunFacts.environment());
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
        planner = new RequestPlanner(scenario.mix(), lab.catalog(), ledger);
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
        closeLab();
        if (journal.status() == Status.RUNNING) {
            size();
            journal.end(Status.COMPLETED, steps.written() + " steps measured; results in " + dir.path());
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
                                .map(p -> dir.path().relativize(p).toString())
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
        if (status == Status.FAILED || status == Status.ABORTED) {
            System.err.println(
                    "headroom: run " + status.key() + " - see " + dir.path().resolve(RunDirectory.RUN_JSON));
            System.err.flush();
            // Gatling has finished and reported; only the exit code is left to set
            Runtime.getRuntime().halt(status == Status.FAILED ? EXIT_FAILED : EXIT_ABORTED);
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
        String unit = s.load() instanceof ClosedLoad ? " users" : " req/s";
        return String.format(
                Locale.ROOT,
                "%s model, %d steps, highest offered load %.0f%s, %.0f s of load",
                s.load() instanceof ClosedLoad ? "closed" : "open",
                plan.size(),
                highest,
                unit,
                s.load().totalDurationS());
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
