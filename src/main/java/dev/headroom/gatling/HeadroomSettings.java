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
import dev.headroom.scenario.SearchLoad;
import dev.headroom.scenario.SeedSize;
import dev.headroom.scenario.ServiceSettings;
import dev.headroom.scenario.SettledWarmup;
import dev.headroom.scenario.Slo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a Headroom run of your own Gatling scenario needs besides the scenario: where your service
 * and its metrics endpoint are, the load (a staircase or a capacity search), the service level
 * objective and where results go.
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

    /** A staircase's timed warm-up, and its ramp before each step, by default. */
    static final double DEFAULT_WARMUP_S = 30;

    static final double DEFAULT_RAMP_S = 3;

    /** What the builder was told to run; the last of openStaircase, closedStaircase and search wins. */
    private enum Shape {
        NONE,
        OPEN,
        CLOSED,
        SEARCH
    }

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
     * Settings in code. Required: {@link #targetBaseUrl}, one of {@link #openStaircase}, {@link
     * #closedStaircase} or {@link #search}, and the three SLO limits; the rest have the defaults their
     * Javadoc states. A setter that the chosen load does not take (a think time on an open staircase,
     * a step length on a search) is refused by {@link #build()}, which names what the load takes.
     */
    public static final class Builder {
        private String targetBaseUrl;
        private String metricsUrl;
        private boolean allowRemoteTarget;
        private Path resultsDir = Path.of("results");
        private Path gatlingResultsDir = Path.of("target", "gatling");
        private String prometheus = "auto";
        private Path sizingRequest;
        private Shape shape = Shape.NONE;
        private boolean warmupSettled;
        private double startLoad = Double.NaN;
        private double stepLoad = Double.NaN;
        private int steps;
        private double warmupLoad = Double.NaN;
        private double warmupS = Double.NaN;
        private double warmupWindowS = SettledWarmup.DEFAULT_WINDOW_S;
        private double warmupMaxS = SettledWarmup.DEFAULT_MAX_S;
        private double stepDurationS = 30;
        private double rampS = Double.NaN;
        private double thinkTimeS;
        private double searchStartRps = Double.NaN;
        private double searchMaxRps = SearchLoad.DEFAULT_MAX_RPS;
        private double searchPrecision = SearchLoad.DEFAULT_PRECISION;
        private double shortTrialS = SearchLoad.DEFAULT_SHORT_TRIAL_S;
        private double fullTrialS = SearchLoad.DEFAULT_FULL_TRIAL_S;
        private int searchRepeats = SearchLoad.DEFAULT_REPEATS;
        private int maxTrials = SearchLoad.DEFAULT_MAX_TRIALS;
        private double maxSearchS = SearchLoad.DEFAULT_MAX_SEARCH_S;
        private double sloP95Ms = Double.NaN;
        private double sloP99Ms = Double.NaN;
        private double sloErrorRatio = Double.NaN;
        private double requestTimeoutS = DEFAULT_REQUEST_TIMEOUT_S;
        /** The load's setters called, by name: one that does not apply to the load's shape is refused. */
        private final Set<String> given = new LinkedHashSet<>();

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
            return shape(Shape.OPEN, startRps, stepRps, steps);
        }

        /**
         * Closed model: a fixed number of users per step, each passing through your scenario again as
         * soon as it is done (after {@link #thinkTimeS}). Step k holds {@code startUsers + (k - 1) *
         * stepUsers} users.
         */
        public Builder closedStaircase(int startUsers, int stepUsers, int steps) {
            return shape(Shape.CLOSED, startUsers, stepUsers, steps);
        }

        /**
         * An adaptive capacity search (docs/search.md), as a scenario file's {@code model: search}:
         * a warm-up until your service is steady, then short trials that probe upward and bisect to
         * the highest arrival rate that holds the SLO, confirmed and repeated at full length. The
         * rates are the search's, so no staircase is given. Every default is the scenario file's:
         * {@link #warmupRps} 200, {@link #warmupWindowS} 15, {@link #warmupMaxS} 240, {@link
         * #searchStartRps} where the warm-up ended, {@link #searchMaxRps} 5000, {@link
         * #searchPrecision} 0.05, {@link #shortTrialS} 10, {@link #fullTrialS} 30, {@link
         * #searchRepeats} 2, {@link #maxTrials} 20, {@link #maxSearchS} 600 and {@link #rampS} 2.
         * Inject it with {@link Headroom#search}.
         */
        public Builder search() {
            return shape(Shape.SEARCH, Double.NaN, Double.NaN, 0);
        }

        private Builder shape(Shape shape, double start, double step, int steps) {
            this.shape = shape;
            this.startLoad = start;
            this.stepLoad = step;
            this.steps = steps;
            return this;
        }

        /**
         * Open staircase: warm up until your service is measured to be steady (its JIT's share of the
         * CPU small, CPU per request agreeing window to window; docs/search.md, "Settled warm-up"),
         * at most {@link #warmupMaxS}, rather than for {@link #warmupS}; as a scenario file's {@code
         * warmup: settled}. The steps then run on one arrival schedule, latency from each request's
         * intended time. Inject with {@link Headroom#staircase} as ever.
         */
        public Builder warmupSettled() {
            this.warmupSettled = true;
            return given("warmupSettled");
        }

        /** Unmeasured warm-up before the first step, timed; default 30 s. */
        public Builder warmupS(double seconds) {
            this.warmupS = seconds;
            return given("warmupS");
        }

        /**
         * Arrival rate the warm-up climbs to (open model and search); default the first step's, and
         * 200 for a search.
         */
        public Builder warmupRps(double rps) {
            this.warmupLoad = rps;
            return given("warmupRps");
        }

        /** Users the warm-up climbs to (closed model); default the first step's. */
        public Builder warmupUsers(int users) {
            this.warmupLoad = users;
            return given("warmupUsers");
        }

        /** A settled warm-up's measuring window (search, or {@link #warmupSettled}); default 15 s. */
        public Builder warmupWindowS(double seconds) {
            this.warmupWindowS = seconds;
            return given("warmupWindowS");
        }

        /**
         * A settled warm-up's bound (search, or {@link #warmupSettled}); default 240 s. A warm-up that
         * reaches it "never settled", which run.json records as a finding.
         */
        public Builder warmupMaxS(double seconds) {
            this.warmupMaxS = seconds;
            return given("warmupMaxS");
        }

        /** The steady, measured part of each step (staircase); default 30 s. */
        public Builder stepDurationS(double seconds) {
            this.stepDurationS = seconds;
            return given("stepDurationS");
        }

        /** The unmeasured ramp before each step or trial; default 3 s, and 2 s for a search. */
        public Builder rampS(double seconds) {
            this.rampS = seconds;
            return given("rampS");
        }

        /** Closed model: each user's pause after a pass; default 0. */
        public Builder thinkTimeS(double seconds) {
            this.thinkTimeS = seconds;
            return given("thinkTimeS");
        }

        /** Search: the first trial's rate; default the rate the warm-up ended at. */
        public Builder searchStartRps(double rps) {
            this.searchStartRps = rps;
            return given("searchStartRps");
        }

        /** Search: the highest rate it may offer; default 5000 passes/s. */
        public Builder searchMaxRps(double rps) {
            this.searchMaxRps = rps;
            return given("searchMaxRps");
        }

        /**
         * Search: the bracket's width, relative to its lower end, at which bisection stops; from 0 to
         * 1, default 0.05 (5 %).
         */
        public Builder searchPrecision(double ratio) {
            this.searchPrecision = ratio;
            return given("searchPrecision");
        }

        /** Search: the measured seconds of a probe or bisection trial; default 10. */
        public Builder shortTrialS(double seconds) {
            this.shortTrialS = seconds;
            return given("shortTrialS");
        }

        /** Search: the measured seconds of a confirmation or repeat at the answer; default 30. */
        public Builder fullTrialS(double seconds) {
            this.fullTrialS = seconds;
            return given("fullTrialS");
        }

        /** Search: full-length trials at the answer beyond its confirmation; default 2. */
        public Builder searchRepeats(int trials) {
            this.searchRepeats = trials;
            return given("searchRepeats");
        }

        /** Search: a hard bound on its trials; default 20. */
        public Builder maxTrials(int trials) {
            this.maxTrials = trials;
            return given("maxTrials");
        }

        /** Search: a hard bound on its trials' summed measured seconds; default 600. */
        public Builder maxSearchS(double seconds) {
            this.maxSearchS = seconds;
            return given("maxSearchS");
        }

        private Builder given(String setter) {
            given.add(setter);
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
            if (shape == Shape.NONE) {
                throw new LabException("HeadroomSettings: openStaircase(startRps, stepRps, steps),"
                        + " closedStaircase(startUsers, stepUsers, steps) or search() is required");
            }
            refuseWhatDoesNotApply();
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
                load = load();
                slo = new Slo(sloP95Ms, sloP99Ms, sloErrorRatio);
                if (!(requestTimeoutS > 0)) throw new IllegalArgumentException("requestTimeoutS must be > 0");
            } catch (IllegalArgumentException e) {
                throw new LabException("HeadroomSettings: " + builderNames(e.getMessage()), e);
            }
            String source = "gatling:" + callerClass();
            double timeoutS = requestTimeoutS;
            Optional<Path> sizing = Optional.ofNullable(sizingRequest);
            return new HeadroomSettings(lab, name -> pass(name, load, slo, timeoutS, source), s -> sizing, false);
        }

        private LoadShape load() {
            double ramp =
                    Double.isNaN(rampS) ? (shape == Shape.SEARCH ? SearchLoad.DEFAULT_RAMP_S : DEFAULT_RAMP_S) : rampS;
            double timedWarmupS = Double.isNaN(warmupS) ? DEFAULT_WARMUP_S : warmupS;
            double warmup = Double.isNaN(warmupLoad) ? startLoad : warmupLoad;
            return switch (shape) {
                case OPEN -> warmupSettled
                        ? OpenLoad.settled(
                                new SettledWarmup(warmup, warmupWindowS, warmupMaxS),
                                startLoad,
                                stepLoad,
                                steps,
                                stepDurationS,
                                ramp)
                        : new OpenLoad(warmup, timedWarmupS, startLoad, stepLoad, steps, stepDurationS, ramp);
                case CLOSED -> new ClosedLoad(
                        (int) warmup,
                        timedWarmupS,
                        (int) startLoad,
                        (int) stepLoad,
                        steps,
                        stepDurationS,
                        ramp,
                        thinkTimeS);
                case SEARCH -> new SearchLoad(
                        Double.isNaN(warmupLoad) ? SearchLoad.DEFAULT_WARMUP_RPS : warmupLoad,
                        warmupWindowS,
                        warmupMaxS,
                        searchStartRps,
                        searchMaxRps,
                        searchPrecision,
                        shortTrialS,
                        fullTrialS,
                        searchRepeats,
                        maxTrials,
                        maxSearchS,
                        ramp);
                case NONE -> throw new IllegalStateException("checked in build()");
            };
        }

        /**
         * A setter that the load's shape would ignore is a mistake to say, not to pass over: a think
         * time on an open staircase, or a step length on a search, would otherwise not do what it reads.
         */
        private void refuseWhatDoesNotApply() {
            Set<String> takes = applicable();
            List<String> refused =
                    given.stream().filter(g -> !takes.contains(g)).toList();
            if (refused.isEmpty()) return;
            StringBuilder why = new StringBuilder("HeadroomSettings: ")
                    .append(String.join(", ", refused))
                    .append(refused.size() == 1 ? " does" : " do")
                    .append(" not apply to ")
                    .append(describeShape());
            if (refused.contains("warmupS") && (shape == Shape.SEARCH || warmupSettled))
                why.append(" (a settled warm-up ends when the service is steady; warmupMaxS bounds it)");
            if (refused.contains("warmupSettled") && shape == Shape.CLOSED)
                why.append(" (a closed staircase's users are not paced by an arrival schedule, so its warm-up is"
                        + " timed: warmupS)");
            why.append("; it takes ").append(String.join(", ", new TreeSet<>(takes)));
            throw new LabException(why.toString());
        }

        private Set<String> applicable() {
            return switch (shape) {
                case OPEN -> warmupSettled
                        ? Set.of("warmupSettled", "warmupRps", "warmupWindowS", "warmupMaxS", "stepDurationS", "rampS")
                        : Set.of("warmupS", "warmupRps", "stepDurationS", "rampS");
                case CLOSED -> Set.of("warmupS", "warmupUsers", "stepDurationS", "rampS", "thinkTimeS");
                case SEARCH -> Set.of(
                        "warmupRps",
                        "warmupWindowS",
                        "warmupMaxS",
                        "searchStartRps",
                        "searchMaxRps",
                        "searchPrecision",
                        "shortTrialS",
                        "fullTrialS",
                        "searchRepeats",
                        "maxTrials",
                        "maxSearchS",
                        "rampS");
                case NONE -> Set.of();
            };
        }

        private String describeShape() {
            return switch (shape) {
                case OPEN -> warmupSettled ? "an open staircase with warmupSettled()" : "an open staircase";
                case CLOSED -> "a closed staircase";
                case SEARCH -> "search()";
                case NONE -> "no load";
            };
        }

        /** The load records' parameter names, as the builder calls them, in a refusal. */
        private String builderNames(String message) {
            if (shape != Shape.SEARCH) return message;
            return message.replaceAll("\\bstartRps\\b", "searchStartRps")
                    .replaceAll("\\bmaxRps\\b", "searchMaxRps")
                    .replaceAll("\\bprecision\\b", "searchPrecision")
                    .replaceAll("\\brepeats\\b", "searchRepeats");
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
