package dev.headroom.lab;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The choices of a run, read from {@code headroom.*} system properties (documented in the README).
 * Every value is checked before anything starts; an unknown {@code headroom.*} key is an error, so
 * a typo cannot silently run the default.
 *
 * @param warmupBoost whether a search's warm-up may run the lab's service on more CPU than its
 *     budget (load.WarmupBoost); the trials always run on the budget
 * @param budgetToHost whether a search may lower the lab's service's budget after the warm-up when
 *     the host would saturate before the service (load.SearchDriver#hostBudget)
 * @param sizingRequest the sizing request file the run will be sized with, if any (not a system
 *     property: {@link #withSizingRequest} sets it)
 */
public record LabSettings(
        String scenario,
        Path scenariosDir,
        Path resultsDir,
        Database database,
        Optional<URI> target,
        Optional<URI> targetMetrics,
        boolean remoteTargetAllowed,
        CpuChoice cpus,
        Path serviceJava,
        Path gatlingResultsDir,
        long serviceExtraCpuUsPerOrder,
        boolean calibrate,
        boolean warmupBoost,
        boolean budgetToHost,
        PrometheusSetting prometheus,
        Optional<Path> sizingRequest) {

    /** Where the database comes from. */
    public sealed interface Database {}

    /** MariaDB 11.4 started by the lab (the default). */
    public record Embedded() implements Database {}

    /** MySQL 8.0 in a container started by Testcontainers; needs Docker. */
    public record Testcontainers() implements Database {}

    /** A server the user runs; the lab migrates and seeds it but never starts or stops it. */
    public record External(String jdbcUrl, String username, String password) implements Database {}

    /** The CPU budget: the scenario's, none at all, or a number of CPUs given on the command line. */
    public sealed interface CpuChoice {}

    public record FromScenario() implements CpuChoice {}

    public record Unlimited() implements CpuChoice {}

    public record Cpus(double cpus) implements CpuChoice {}

    static final Map<String, String> KEYS = new TreeMap<>(Map.ofEntries(
            Map.entry(
                    "headroom.scenario",
                    "scenario name in scenarios/ (quick, default, breakpoint) or a path to a .yaml file"),
            Map.entry("headroom.scenarios.dir", "folder of scenario files (default: scenarios)"),
            Map.entry("headroom.results.dir", "folder runs are written to (default: results)"),
            Map.entry("headroom.db", "embedded (default), testcontainers, or a jdbc:mysql:// or jdbc:mariadb:// URL"),
            Map.entry("headroom.db.user", "user for an external JDBC URL (default: root)"),
            Map.entry("headroom.db.password", "password for an external JDBC URL (default: empty)"),
            Map.entry(
                    "headroom.target",
                    "base URL of your own service on loopback (default: the lab's reference service)"),
            Map.entry(
                    "headroom.allow.remote",
                    "true to allow a -Dheadroom.target outside loopback (default: false, loopback only)"),
            Map.entry(
                    "headroom.target.metrics",
                    "Prometheus endpoint of your own service, e.g. http://127.0.0.1:8081/actuator/prometheus"),
            Map.entry(
                    "headroom.cpus",
                    "CPU budget of the service: a number such as 0.5 or 1, or none (default: the scenario's)"),
            Map.entry(
                    "headroom.service.java", "java executable for the service JVM (default: the one running Headroom)"),
            Map.entry("headroom.gatling.results.dir", "where Gatling writes its reports (default: target/gatling)"),
            Map.entry(
                    "headroom.service.extra-cpu-us-per-order",
                    "a deliberately slower build: microseconds of CPU each order burns in the reference service"
                            + " (default: 0)"),
            Map.entry(
                    "headroom.calibration",
                    "on (default): time the host's CPU with a short JMH benchmark before the run; off: skip it"),
            Map.entry(
                    "headroom.warmup-boost",
                    "on (default): a search's warm-up runs the lab's service on 0.7 of the host's cores (at least"
                            + " its budget), its trials on the budget; off: the warm-up on the budget too"),
            Map.entry(
                    "headroom.budget-to-host",
                    "on (default): a search lowers the lab's service's CPU budget after its warm-up when the"
                            + " host would saturate before the service; off: keep the budget asked for"),
            Map.entry(PrometheusSetting.KEY, "auto (default), start, off, or the URL of a running Prometheus"),
            Map.entry(
                    PrometheusSetting.SELECTOR_KEY,
                    "label matchers of your service's series in that Prometheus (default: job=\"service\")")));

    public static LabSettings fromSystemProperties() {
        return from(System.getProperties());
    }

    public static LabSettings from(Properties props) {
        List<String> problems = new ArrayList<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("headroom.") && !KEYS.containsKey(key)) {
                problems.add("-D" + key + ": unknown setting; accepted: " + String.join(", ", KEYS.keySet()));
            }
        }
        String scenario = props.getProperty("headroom.scenario", "default").strip();
        Path scenariosDir = Path.of(props.getProperty("headroom.scenarios.dir", "scenarios"));
        Path resultsDir = Path.of(props.getProperty("headroom.results.dir", "results"));
        Path gatlingResults = Path.of(props.getProperty("headroom.gatling.results.dir", "target/gatling"));

        Database database = database(props, problems);
        boolean allowRemote = allowRemote(props.getProperty("headroom.allow.remote"), problems);
        Optional<URI> target = targetUrl(props, "headroom.target", allowRemote, problems);
        Optional<URI> targetMetrics = targetUrl(props, "headroom.target.metrics", allowRemote, problems);
        if (targetMetrics.isPresent() && target.isEmpty()) {
            problems.add("-Dheadroom.target.metrics is only for your own service: set -Dheadroom.target too");
        }
        if (target.isPresent() && props.getProperty("headroom.db") != null && !(database instanceof External)) {
            // an external database with a target is the reference service running elsewhere
            // (docker-compose): the lab seeds it and checks the orders, but starts nothing
            problems.add("-Dheadroom.db=" + props.getProperty("headroom.db") + " has no effect with"
                    + " -Dheadroom.target: the lab starts no database for a service at a URL. To seed the"
                    + " database of a reference service you run (docker-compose), give its JDBC URL, such as"
                    + " -Dheadroom.db=jdbc:mysql://127.0.0.1:3306/headroom");
        }
        CpuChoice cpus = cpus(props.getProperty("headroom.cpus"), problems);
        if (target.isPresent() && !(cpus instanceof FromScenario)) {
            problems.add("-Dheadroom.cpus applies to the lab's own service only; with -Dheadroom.target, limit"
                    + " your service's CPU where it runs");
        }
        Path java = Path.of(props.getProperty(
                "headroom.service.java",
                ProcessHandle.current()
                        .info()
                        .command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                                .toString())));
        long extraCpuUs = extraCpuUsPerOrder(props.getProperty("headroom.service.extra-cpu-us-per-order"), problems);
        if (target.isPresent() && extraCpuUs > 0) {
            problems.add("-Dheadroom.service.extra-cpu-us-per-order slows the lab's own reference service only;"
                    + " remove it or -Dheadroom.target");
        }
        boolean calibrate = onOff("headroom.calibration", props.getProperty("headroom.calibration", "on"), problems);
        boolean warmupBoost =
                onOff("headroom.warmup-boost", props.getProperty("headroom.warmup-boost", "on"), problems);
        boolean budgetToHost =
                onOff("headroom.budget-to-host", props.getProperty("headroom.budget-to-host", "on"), problems);
        PrometheusSetting prometheus =
                PrometheusSetting.from(props, target.isPresent() && targetMetrics.isEmpty(), problems);
        if (!problems.isEmpty()) throw new LabException("bad settings:\n  " + String.join("\n  ", problems));
        return new LabSettings(
                scenario,
                scenariosDir,
                resultsDir,
                database,
                target,
                targetMetrics,
                allowRemote,
                cpus,
                java,
                gatlingResults,
                extraCpuUs,
                calibrate,
                warmupBoost,
                budgetToHost,
                prometheus,
                Optional.empty());
    }

    /**
     * The same settings with the sizing request the run will be sized with (the caller's to choose:
     * {@code scenarios/sizing/<scenario>.yaml}, or the one given in code), so the lab can check
     * before any load that the run will measure what that request needs.
     */
    public LabSettings withSizingRequest(Optional<Path> request) {
        return new LabSettings(
                scenario,
                scenariosDir,
                resultsDir,
                database,
                target,
                targetMetrics,
                remoteTargetAllowed,
                cpus,
                serviceJava,
                gatlingResultsDir,
                serviceExtraCpuUsPerOrder,
                calibrate,
                warmupBoost,
                budgetToHost,
                prometheus,
                request);
    }

    static long extraCpuUsPerOrder(String value, List<String> problems) {
        if (value == null) return 0;
        try {
            long us = Long.parseLong(value.strip());
            if (us >= 0 && us <= 1_000_000) return us;
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("-Dheadroom.service.extra-cpu-us-per-order=" + value + ": accepted: a whole number of"
                + " microseconds from 0 to 1000000");
        return 0;
    }

    private static boolean onOff(String key, String value, List<String> problems) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("on")) return true;
        if (v.equals("off")) return false;
        problems.add("-D" + key + "=" + value + ": accepted: on or off");
        return true;
    }

    private static Database database(Properties props, List<String> problems) {
        String db = props.getProperty("headroom.db", "embedded").strip();
        if (db.equals("embedded")) return new Embedded();
        if (db.equals("testcontainers")) return new Testcontainers();
        if (db.startsWith("jdbc:mysql://") || db.startsWith("jdbc:mariadb://")) {
            return new External(
                    db, props.getProperty("headroom.db.user", "root"), props.getProperty("headroom.db.password", ""));
        }
        problems.add("-Dheadroom.db=" + db + ": accepted: embedded, testcontainers, or a jdbc:mysql:// or"
                + " jdbc:mariadb:// URL");
        return new Embedded();
    }

    static CpuChoice cpus(String value, List<String> problems) {
        if (value == null) return new FromScenario();
        if (value.strip().equalsIgnoreCase("none")) return new Unlimited();
        try {
            double cpus = Double.parseDouble(value.strip());
            if (cpus > 0 && cpus <= 256) return new Cpus(cpus);
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("-Dheadroom.cpus=" + value + ": accepted: a number of CPUs above 0 and at most 256 (such as"
                + " 0.5 or 1), or none");
        return new FromScenario();
    }

    static boolean allowRemote(String value, List<String> problems) {
        if (value == null || value.strip().equalsIgnoreCase("false")) return false;
        if (value.strip().equalsIgnoreCase("true")) return true;
        problems.add("-Dheadroom.allow.remote=" + value + ": accepted: true or false");
        return false;
    }

    /**
     * Load goes to loopback unless the user says otherwise in so many words
     * ({@code -Dheadroom.allow.remote=true}): a typo in a URL must never send a staircase of traffic
     * to someone else's server.
     */
    static Optional<URI> targetUrl(Properties props, String key, boolean allowRemote, List<String> problems) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) return Optional.empty();
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            problems.add("-D" + key + "=" + value + ": not a URL (" + e.getMessage() + ")");
            return Optional.empty();
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            problems.add("-D" + key + "=" + value + ": accepted: an http:// or https:// URL with a host, such as"
                    + " http://127.0.0.1:8080");
            return Optional.empty();
        }
        if (!allowRemote && !isLoopback(uri.getHost())) {
            problems.add("-D" + key + "=" + value + ": " + uri.getHost() + " is not a loopback address; Headroom"
                    + " sends load only to 127.0.0.1, ::1 or localhost unless you allow remote targets with"
                    + " -Dheadroom.allow.remote=true (only for a service you own and may load)");
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] all = InetAddress.getAllByName(h);
            for (InetAddress a : all) if (!a.isLoopbackAddress()) return false;
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The budget to apply given the scenario's own setting. */
    public OptionalDouble cpuBudget(OptionalDouble scenarioCpus) {
        if (cpus instanceof Cpus c) return OptionalDouble.of(c.cpus());
        if (cpus instanceof Unlimited) return OptionalDouble.empty();
        return scenarioCpus;
    }
}
