package dev.headroom.gatling;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import dev.headroom.load.LoadRun;
import dev.headroom.load.ScenarioRequests;
import dev.headroom.load.SearchDriver;
import dev.headroom.load.pacing.ArrivalSchedule;
import dev.headroom.metrics.Outcome;
import dev.headroom.scenario.ClosedLoad;
import dev.headroom.scenario.OpenLoad;
import dev.headroom.scenario.Scenario;
import dev.headroom.scenario.SearchLoad;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One Headroom run inside a Gatling simulation, for a simulation that times its requests itself
 * (Headroom's own {@code CapacitySimulation} records each request under its endpoint). Most
 * simulations need only {@link Headroom#staircase}, which does all of this for a whole scenario.
 *
 * <p>The order of a run: {@link Headroom#prepare} (checks, nothing started), {@link #start} (the
 * run directory, the metrics sampler; in Gatling's {@code before()}), the load ({@link #staircase}
 * injects it; {@link #begin} and {@link #end} record each request), {@link #finish} (the last steps,
 * then sizing and assertions; in Gatling's {@code after()}). A JVM shutdown hook ends the run on
 * every other way out and sets the exit code: 2 failed, 3 aborted, 4 assertions failed.
 */
public final class HeadroomRun {
    private final HeadroomSettings settings;
    private static final String SLOT = "headroom.slot";

    private final LoadRun run;
    private boolean finished;

    /** One request (or pass) on its way, as {@link #begin} returns it. */
    public static final class Sent {
        private final LoadRun.Sent sent;

        private Sent(LoadRun.Sent sent) {
            this.sent = sent;
        }

        /** The measured step it was sent in (1-based), or 0 outside every step's steady window. */
        public int step() {
            return sent.step();
        }
    }

    HeadroomRun(HeadroomSettings settings, LoadRun run) {
        this.settings = settings;
        this.run = run;
    }

    /** Creates {@code results/<run-id>/}, checks the target answers and starts the metrics sampler. */
    public void start() {
        run.start(null);
    }

    /**
     * As {@link #start()}, timing the host's CPU first with {@code calibration} (recorded in
     * run.json under {@code environment.calibration}), unless {@code -Dheadroom.calibration=off}.
     */
    public void start(Supplier<Map<String, Object>> calibration) {
        run.start(calibration);
    }

    /** The run's scenario: its load shape, SLO and, from a scenario file, its requests. */
    public Scenario scenario() {
        return run.scenario();
    }

    /** The target's base URL without a trailing slash, known once started. */
    public String baseUrl() {
        return run.baseUrl();
    }

    /** A failed request at least this long is a timeout. */
    public double requestTimeoutS() {
        return run.scenario().requestTimeoutS();
    }

    /**
     * The requests a scenario file lists ({@link HeadroomSettings#fromSystemProperties()}), with the
     * reference service's seeded ids; known once started. A simulation of your own sends its own.
     */
    public ScenarioRequests scenarioRequests() {
        return run.scenarioRequests();
    }

    /** Records that request {@code index} of {@link Scenario#requestNames()} is sent now. */
    public Sent begin(int index) {
        return new Sent(run.begin(index));
    }

    /**
     * As {@link #begin(int)}, in a virtual user's session: in a search, the session holds the slot
     * the user waited for, and the request is timed from that slot's intended time, so a late send
     * counts as latency (no coordinated omission); so in a staircase with {@code warmup: settled}. In
     * a staircase on Gatling's injection profile it is {@link #begin(int)}.
     */
    public Sent begin(int index, Session session) {
        if (session.contains(SLOT)) {
            ArrivalSchedule.Slot slot = session.get(SLOT);
            return new Sent(run.begin(index, slot.intendedNanos()));
        }
        return begin(index);
    }

    /**
     * Records the end of a request.
     *
     * @param responseTimeMs Gatling's response time, or negative when there is none (the elapsed time stands in)
     * @param failed whether a check failed
     * @param status the HTTP status, or null when no response came back
     */
    public void end(Sent sent, long responseTimeMs, boolean failed, Integer status) {
        run.end(
                sent.sent,
                responseTimeMs,
                elapsedS -> failed ? Outcome.ofFailure(status, elapsedS, requestTimeoutS()) : Outcome.OK);
    }

    /** The end of a pass through a user's scenario: Headroom sees only whether a check failed, not why. */
    void endPass(Sent sent, boolean failed) {
        run.end(sent.sent, -1, elapsedS -> {
            if (!failed) return Outcome.OK;
            return elapsedS >= requestTimeoutS() * 0.99 ? Outcome.TIMEOUT : Outcome.BAD_RESPONSE;
        });
    }

    /** Whether the run was aborted (the lab can no longer serve it, or a step could not be written). */
    public boolean aborted() {
        return run.aborted();
    }

    /** Why the run was aborted, or null. */
    public String abortReason() {
        return run.abortReason();
    }

    /** Put first in every virtual user's chain: stops Gatling when the run is aborted. */
    public ChainBuilder abortGuard() {
        return exec(stopLoadGeneratorIf(
                session -> "Headroom aborted the run: " + run.abortReason(), session -> run.aborted()));
    }

    /**
     * Injects {@code users} as the run's stair-step: an unmeasured warm-up, then each step's ramp and
     * steady part, open or closed as the settings say (closed: each user thinks after its pass). Each
     * virtual user should make one pass and record it ({@link #begin}, {@link #end}).
     */
    public PopulationBuilder staircase(ScenarioBuilder users) {
        if (scenario().load().paced()) {
            throw new IllegalStateException("a search, or a staircase with warmup: settled, paces its users itself:"
                    + " use HeadroomRun.load(name, oneRequest)");
        }
        if (scenario().load() instanceof OpenLoad open) return users.injectOpen(openSteps(open));
        ClosedLoad closed = (ClosedLoad) scenario().load();
        ScenarioBuilder thinking = closed.thinkTimeS() > 0 ? users.pause(seconds(closed.thinkTimeS())) : users;
        return thinking.injectClosed(closedSteps(closed));
    }

    /**
     * The run's load, whatever its shape: {@code oneRequest} (one request, or one pass of your
     * scenario, recorded with {@link #begin(int, Session)} and {@link #end}) injected as the
     * settings' stair-step ({@link #staircase}), or, for {@code model: search} (and an open
     * staircase with {@code warmup: settled}), run by a pool of users that each wait for the next
     * slot of the search's arrival schedule and then run it, until the search (or the staircase's
     * last step) has ended.
     */
    public PopulationBuilder load(String name, ChainBuilder oneRequest) {
        if (!scenario().load().paced())
            return staircase(io.gatling.javaapi.core.CoreDsl.scenario(name).exec(oneRequest));
        // the pool exists once start() has run (Gatling's before()); the chain reads it then.
        // A Gatling session stays failed once a check of it failed, and these users loop: each slot
        // starts succeeded, or one timeout in an overloaded trial would fail that user's every later
        // request (measured before this: 60-70 % "errors" at half the knee after one overload).
        ChainBuilder paced = asLongAs(session -> !searchDone())
                .on(exec(session -> searchDriver()
                                .claim()
                                .map(slot -> session.set(SLOT, slot).markAsSucceeded())
                                .orElseGet(() -> session.remove(SLOT)))
                        .doIfOrElse(session -> session.contains(SLOT))
                        .then(pause(session -> searchDriver().untilDue(session.get(SLOT)))
                                .doIf(session -> !searchDriver().cancelled(session.get(SLOT)))
                                .then(oneRequest))
                        .orElse(pause(session -> searchDriver().idlePause())));
        return io.gatling.javaapi.core.CoreDsl.scenario(name).exec(paced).injectOpen(atOnceUsers(searchPoolUsers()));
    }

    /** Users in a paced load's pool; see {@code SearchDriver.poolUsers}. */
    private int searchPoolUsers() {
        return SearchDriver.poolUsers(scenario().load(), scenario().slo());
    }

    private boolean searchDone() {
        return run.aborted() || run.search().map(SearchDriver::done).orElse(true);
    }

    private SearchDriver searchDriver() {
        return run.search().orElseThrow(() -> new IllegalStateException("the search has not started"));
    }

    /** An upper bound on the load's length, for Gatling's {@code maxDuration}: the plan plus a margin. */
    public Duration maxDuration() {
        if (scenario().load() instanceof SearchLoad search) {
            return seconds(search.maxDurationS(requestTimeoutS() + 2) + requestTimeoutS() + 30);
        }
        if (scenario().load() instanceof OpenLoad open && open.paced()) {
            // The load ends by itself; this bound only stops one that hangs, and a bound that cut a
            // run short would lose its last steps. Beyond the plan: the warm-up's overruns (a window
            // begun with less than one left, and a drain after falling behind, a few times) and its
            // drain on leaving the raised quota, and per step the wait for its row: what it left in
            // flight (the request timeout), then Prometheus's ingestion and queries (about 20 s).
            double windowS = open.settledWarmup().orElseThrow().windowS();
            double perStepS = requestTimeoutS() + 20;
            return seconds(
                    open.totalDurationS() + 3 * (windowS + requestTimeoutS() + 1) + open.steps() * perStepS + 30);
        }
        return seconds(scenario().load().totalDurationS() + requestTimeoutS() + 30);
    }

    /**
     * After the load: writes the last steps, checks the reference service's orders (Headroom's own
     * service only), stops what the run started; then, if every step was measured, sizes the run and
     * checks the scenario's assertions. Later calls do nothing.
     */
    public synchronized void finish() {
        if (finished) return;
        finished = true;
        run.endLoad();
        if (!run.measuredInFull()) {
            run.sayStatus();
            return;
        }
        Path dir = run.directory().path();
        Scenario s = scenario();
        Optional<Path> request = settings.sizingRequest(s);
        RunSizing.size(
                dir,
                request,
                request.isPresent()
                        ? "no sizing request for scenario " + s.name()
                        : "no sizing request given (HeadroomSettings.Builder.sizingRequest)",
                run.journal());
        Optional<AssertionCheck.Outcome> assertions = RunAssertions.check(s, dir, run.journal());
        run.complete(assertions.filter(a -> !a.held()).map(AssertionCheck.Outcome::failures));
    }

    private static List<OpenInjectionStep> openSteps(OpenLoad load) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        // the warm-up climbs from 1 req/s: a cold JVM, interpreting and compiling under a small CPU
        // budget, was pushed by a flat 100 req/s into a queue it never left (see the README)
        if (load.warmupS() > 0) {
            steps.add(rampUsersPerSec(Math.min(1, load.warmupRps()))
                    .to(load.warmupRps())
                    .during(seconds(load.warmupS())));
        }
        double previous = load.warmupRps();
        for (int k = 1; k <= load.steps(); k++) {
            double rate = load.offeredAt(k);
            if (load.rampS() > 0) steps.add(rampUsersPerSec(previous).to(rate).during(seconds(load.rampS())));
            steps.add(constantUsersPerSec(rate).during(seconds(load.stepDurationS())));
            previous = rate;
        }
        return steps;
    }

    private static List<ClosedInjectionStep> closedSteps(ClosedLoad load) {
        List<ClosedInjectionStep> steps = new ArrayList<>();
        if (load.warmupS() > 0) {
            steps.add(rampConcurrentUsers(1).to(load.warmupUsers()).during(seconds(load.warmupS())));
        }
        int previous = load.warmupUsers();
        for (int k = 1; k <= load.steps(); k++) {
            int users = load.usersAt(k);
            if (load.rampS() > 0) {
                steps.add(rampConcurrentUsers(previous).to(users).during(seconds(load.rampS())));
            }
            steps.add(constantConcurrentUsers(users).during(seconds(load.stepDurationS())));
            previous = users;
        }
        return steps;
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
