package dev.headroom.gatling;

import dev.headroom.lab.LabException;
import dev.headroom.lab.LabSettings;
import dev.headroom.scenario.Assertions;
import dev.headroom.scenario.ClosedLoad;
import dev.headroom.scenario.LoadShape;
import dev.headroom.scenario.OpenLoad;
import dev.headroom.scenario.OwnRequest;
import dev.headroom.scenario.RequestTemplate;
import dev.headroom.scenario.Scenario;
import dev.headroom.scenario.ScenarioLoader;
import dev.headroom.scenario.SeedSize;
import dev.headroom.scenario.ServiceSettings;
import dev.headroom.scenario.Slo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.function.Function;

/**
 * What a Headroom run of your own Gatling scenario needs besides the scenario: where your service
 * and its metrics endpoint are, the staircase, the service level objective and where results go.
 * Built in code with {@link #builder()} (every number carries its unit in the method's name), or
 * read from {@code -Dheadroom.*} system properties and a scenario file with {@link
 * #fromSystemProperties()}, as Headroom's own {@code mvn gatling:test} does. Everything is checked
 * when the settings are built, so a mistake is reported before any load is sent.
 */
public final class HeadroomSettings {
    /**
     * Gatling's own default request timeout (gatling.conf, {@code http.requestTimeout}): a pass slower
     * than this is counted as a timeout rather than a failed check.
     */
    static final double DEFAULT_REQUEST_TIMEOUT_S = 60;

    private final LabSettings lab;
    private final Function<String, Scenario> scenario;
    private final Function<Scenario, Optional<Path>> sizingRequest;
    private final boolean fromScenarioFile;

    private HeadroomSettings(
            LabSettings lab,
            Function<String, Scenario> scenario,
            Function<Scenario, Optional<Path>> sizingRequest,
            boolean fromScenarioFile) {
        this.lab = lab;
        this.scenario = scenario;
        this.sizingRequest = sizingRequest;
        this.fromScenarioFile = fromScenarioFile;
    }

    /**
     * The settings of Headroom's own {@code mvn gatling:test}: the {@code -Dheadroom.*} system
     * properties (listed in the README) and the scenario file they name ({@code -Dheadroom.scenario},
     * default {@code default}); the sizing request is {@code sizing/<scenario>.yaml} beside it.
     *
     * @throws LabException naming every bad setting, or the file, line and field of a bad scenario
     */
    public static HeadroomSettings fromSystemProperties() {
        LabSettings lab = LabSettings.fromSystemProperties();
        Scenario fixed = ScenarioLoader.load(lab.scenario(), lab.scenariosDir());
        return new HeadroomSettings(lab, name -> fixed, HeadroomSettings::besideTheScenarioFile, true);
    }

    /** Starts settings built in code; {@link Builder#build()} checks them. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the settings came from a scenario file (whose requests the simulation then sends). */
    public boolean fromScenarioFile() {
        return fromScenarioFile;
    }

    LabSettings lab() {
        return lab;
    }

    /** The run's scenario; {@code gatlingScenario} names the single request a pass is recorded as. */
    Scenario scenarioFor(String gatlingScenario) {
        return scenario.apply(gatlingScenario);
    }

    /**
     * The lab's settings for a run of {@code s}, with the sizing request file it will be sized with
     * when that file exists, so the run checks before any load that it will measure what the
     * request needs.
     */
    LabSettings labFor(Scenario s) {
        return lab.withSizingRequest(sizingRequest(s).filter(Files::isRegularFile));
    }

    Optional<Path> sizingRequest(Scenario s) {
        return sizingRequest.apply(s);
    }

    /** Headroom's habit: {@code scenarios/sizing/<scenario>.yaml} beside {@code scenarios/<scenario>.yaml}. */
    private static Optional<Path> besideTheScenarioFile(Scenario s) {
        return Optional.of(Path.of(s.source())
                .toAbsolutePath()
                .getParent()
                .resolve("sizing")
                .resolve(s.name() + ".yaml"));
    }

    /**
     * Settings in code. Required: {@link #targetBaseUrl}, one of {@link #openStaircase} or {@link
     * #closedStaircase}, and the three SLO limits; the rest have the defaults their Javadoc states.
     */
    public static final class Builder {
        private String targetBaseUrl;
        private String metricsUrl;
        private boolean allowRemoteTarget;
        private Path resultsDir = Path.of("results");
        private Path gatlingResultsDir = Path.of("target", "gatling");
        private String prometheus = "auto";
        private Path sizingRequest;
        private boolean open = true;
        private double startLoad = Double.NaN;
        private double stepLoad = Double.NaN;
        private int steps;
        private double warmupLoad = Double.NaN;
        private double warmupS = 30;
        private double stepDurationS = 30;
        private double rampS = 3;
        private double thinkTimeS;
        private double sloP95Ms = Double.NaN;
        private double sloP99Ms = Double.NaN;
        private double sloErrorRatio = Double.NaN;
        private double requestTimeoutS = DEFAULT_REQUEST_TIMEOUT_S;

        private Builder() {}

        /**
         * Base URL of the service your scenario loads, such as {@code http://127.0.0.1:8080}: Headroom
         * checks it answers before the load, and records it. Loopback only unless {@link
         * #allowRemoteTarget()}. (Your Gatling protocol still says where the requests go.)
         */
        public Builder targetBaseUrl(String url) {
            this.targetBaseUrl = url;
            return this;
        }

        /**
         * Your service's metrics endpoint, Prometheus text (Micrometer's {@code /actuator/prometheus}
         * or any Prometheus client library's {@code /metrics}). Without it only client-side figures
         * are measured, and run.json says so.
         */
        public Builder metricsUrl(String url) {
            this.metricsUrl = url;
            return this;
        }

        /** Allows a target outside loopback: only for a service you own and may load. */
        public Builder allowRemoteTarget() {
            this.allowRemoteTarget = true;
            return this;
        }

        /** Where runs are written, one folder each ({@code results/<run-id>/}); default {@code results}. */
        public Builder resultsDir(Path dir) {
            this.resultsDir = dir;
            return this;
        }

        /** Where Gatling writes its reports, to copy this run's into the run folder; default {@code target/gatling}. */
        public Builder gatlingResultsDir(Path dir) {
            this.gatlingResultsDir = dir;
            return this;
        }

        /**
         * How the service's figures are collected, as {@code -Dheadroom.prometheus}: {@code auto} (the
         * default: a Prometheus Headroom starts if one is on the PATH, else its own scrape), {@code
         * start}, {@code off} (its own scrape), or the URL of a Prometheus you run.
         */
        public Builder prometheus(String setting) {
            this.prometheus = setting;
            return this;
        }

        /** A sizing request (YAML, as {@code scenarios/sizing/*.yaml}); without one the run is not sized. */
        public Builder sizingRequest(Path file) {
            this.sizingRequest = file;
            return this;
        }

        /**
         * Open model: arrivals at a fixed rate whatever the service does. Step k offers {@code startRps +
         * (k - 1) * stepRps} new virtual users (passes through your scenario) per second.
         */
        public Builder openStaircase(double startRps, double stepRps, int steps) {
            this.open = true;
            this.startLoad = startRps;
            this.stepLoad = stepRps;
            this.steps = steps;
            return this;
        }

        /**
         * Closed model: a fixed number of users per step, each passing through your scenario again as
         * soon as it is done (after {@link #thinkTimeS}). Step k holds {@code startUsers + (k - 1) *
         * stepUsers} users.
         */
        public Builder closedStaircase(int startUsers, int stepUsers, int steps) {
            this.open = false;
            this.startLoad = startUsers;
            this.stepLoad = stepUsers;
            this.steps = steps;
            return this;
        }

        /** Unmeasured warm-up before the first step; default 30 s. */
        public Builder warmupS(double seconds) {
            this.warmupS = seconds;
            return this;
        }

        /** Arrival rate the warm-up climbs to (open model); default the first step's. */
        public Builder warmupRps(double rps) {
            this.warmupLoad = rps;
            return this;
        }

        /** Users the warm-up climbs to (closed model); default the first step's. */
        public Builder warmupUsers(int users) {
            this.warmupLoad = users;
            return this;
        }

        /** The steady, measured part of each step; default 30 s. */
        public Builder stepDurationS(double seconds) {
            this.stepDurationS = seconds;
            return this;
        }

        /** The unmeasured ramp before each step; default 3 s. */
        public Builder rampS(double seconds) {
            this.rampS = seconds;
            return this;
        }

        /** Closed model: each user's pause after a pass; default 0. */
        public Builder thinkTimeS(double seconds) {
            this.thinkTimeS = seconds;
            return this;
        }

        /** SLO: the p95 of successful passes, in milliseconds. */
        public Builder sloP95Ms(double ms) {
            this.sloP95Ms = ms;
            return this;
        }

        /** SLO: the p99 of successful passes, in milliseconds. */
        public Builder sloP99Ms(double ms) {
            this.sloP99Ms = ms;
            return this;
        }

        /** SLO: the share of failed passes a step may have, from 0 to 1 (0.01 is 1 %). */
        public Builder sloErrorRatio(double ratio) {
            this.sloErrorRatio = ratio;
            return this;
        }

        /**
         * A failed pass at least this long counts as a timeout, shorter as a failed check; default 60 s,
         * Gatling's own request timeout. Also how long the last step waits for passes in flight.
         */
        public Builder requestTimeoutS(double seconds) {
            this.requestTimeoutS = seconds;
            return this;
        }

        /**
         * Checks everything and returns the settings.
         *
         * @throws LabException naming every missing or bad value and what is accepted
         */
        public HeadroomSettings build() {
            if (targetBaseUrl == null) {
                throw new LabException("HeadroomSettings: targetBaseUrl(\"http://127.0.0.1:PORT\") is required: the"
                        + " service your scenario loads, checked before the load and recorded with the results");
            }
            if (steps == 0) {
                throw new LabException("HeadroomSettings: openStaircase(startRps, stepRps, steps) or"
                        + " closedStaircase(startUsers, stepUsers, steps) is required");
            }
            if (Double.isNaN(sloP95Ms) || Double.isNaN(sloP99Ms) || Double.isNaN(sloErrorRatio)) {
                throw new LabException("HeadroomSettings: sloP95Ms, sloP99Ms and sloErrorRatio are required: the"
                        + " sizing and the validity of each step are judged against them");
            }
            Properties props = new Properties();
            props.setProperty("headroom.target", targetBaseUrl);
            if (metricsUrl != null) props.setProperty("headroom.target.metrics", metricsUrl);
            props.setProperty("headroom.allow.remote", Boolean.toString(allowRemoteTarget));
            props.setProperty("headroom.results.dir", resultsDir.toString());
            props.setProperty("headroom.gatling.results.dir", gatlingResultsDir.toString());
            props.setProperty("headroom.prometheus", prometheus);
            props.setProperty("headroom.calibration", "off"); // JMH is Headroom's test dependency, not yours
            LabSettings lab;
            try {
                lab = LabSettings.from(props);
            } catch (LabException e) {
                throw new LabException("HeadroomSettings: " + e.getMessage() + "\n  (the builder's targetBaseUrl,"
                        + " metricsUrl, allowRemoteTarget and prometheus are these -Dheadroom.target,"
                        + " -Dheadroom.target.metrics, -Dheadroom.allow.remote and -Dheadroom.prometheus)");
            }

            LoadShape load;
            Slo slo;
            try {
                double warmup = Double.isNaN(warmupLoad) ? startLoad : warmupLoad;
                load = open
                        ? new OpenLoad(warmup, warmupS, startLoad, stepLoad, steps, stepDurationS, rampS)
                        : new ClosedLoad(
                                (int) warmup,
                                warmupS,
                                (int) startLoad,
                                (int) stepLoad,
                                steps,
                                stepDurationS,
                                rampS,
                                thinkTimeS);
                slo = new Slo(sloP95Ms, sloP99Ms, sloErrorRatio);
                if (!(requestTimeoutS > 0)) throw new IllegalArgumentException("requestTimeoutS must be > 0");
            } catch (IllegalArgumentException e) {
                throw new LabException("HeadroomSettings: " + e.getMessage(), e);
            }
            String source = "gatling:" + callerClass();
            double timeoutS = requestTimeoutS;
            Optional<Path> sizing = Optional.ofNullable(sizingRequest);
            return new HeadroomSettings(lab, name -> pass(name, load, slo, timeoutS, source), s -> sizing, false);
        }

        /** The simulation that built the settings: what run.json names as the scenario's source. */
        private static String callerClass() {
            return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                    .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                            .filter(c -> c != Builder.class && c != HeadroomSettings.class)
                            .findFirst()
                            .map(Class::getName)
                            .orElse("unknown"));
        }
    }

    /**
     * A scenario of one request: a virtual user's pass through the Gatling scenario {@code name},
     * recorded under that name. Method {@code GATLING} and path {@code /} say in run.json that
     * Headroom did not choose the requests; the seed and service settings are the lab's and unused
     * for a service at a URL.
     */
    private static Scenario pass(String name, LoadShape load, Slo slo, double requestTimeoutS, String source) {
        OwnRequest pass =
                new OwnRequest(name, 1, "GATLING", RequestTemplate.parse("/"), Map.of(), Optional.empty(), List.of());
        String canonical = String.join("\n", name, load.toString(), slo.toString(), Double.toString(requestTimeoutS));
        return new Scenario(
                name,
                "passes through the Gatling scenario " + name + " of " + source.substring("gatling:".length()),
                Map.of(),
                List.of(pass),
                load,
                slo,
                new SeedSize(1, 1, 0),
                new ServiceSettings(OptionalDouble.empty(), 1, 1, "unused"),
                requestTimeoutS,
                source,
                sha256(canonical),
                Assertions.none());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
