package dev.headroom.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.headroom.lab.LabException;
import dev.headroom.load.LoadRun;
import dev.headroom.scenario.Scenario;
import dev.headroom.scenario.SearchLoad;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * Headroom in your own Gatling simulation: wrap your scenario, and Headroom injects it as a
 * stair-step, records every pass through it per step, samples your service's metrics endpoint,
 * judges each step's validity, writes {@code results/<run-id>/} (steps.csv, steps.json, run.json)
 * and sizes the run at the end.
 *
 * <pre>{@code
 * public class CheckoutSimulation extends Simulation {
 *     HeadroomSettings settings = HeadroomSettings.builder()
 *             .targetBaseUrl("http://127.0.0.1:8080")
 *             .metricsUrl("http://127.0.0.1:8080/actuator/prometheus")
 *             .openStaircase(50, 50, 4) // 50, 100, 150, 200 passes per second
 *             .sloP95Ms(100).sloP99Ms(250).sloErrorRatio(0.01)
 *             .sizingRequest(Path.of("src/test/resources/sizing.yaml"))
 *             .build();
 *     ScenarioBuilder checkout = scenario("checkout").exec(http("cart").get("/cart"), ...);
 *     {
 *         setUp(Headroom.staircase(checkout, settings)).protocols(http.baseUrl("http://127.0.0.1:8080"));
 *     }
 * }
 * }</pre>
 *
 * <p>What is measured: each virtual user makes one pass through your scenario, and Headroom records
 * the pass as one request named after the scenario, from its first action to its last (pauses
 * included), failed when any check failed. The open staircase's rate is new users, that is passes,
 * per second. Gatling's own report still shows your requests one by one, and is copied into the run
 * folder.
 *
 * <p>The injection is Headroom's (so it knows where each step's steady window lies): do not inject
 * the scenario yourself. {@link #prepare} and {@link HeadroomRun} are the same run in pieces, for a
 * simulation that records its requests one by one. {@link #search} is {@link #staircase}'s sibling
 * for an adaptive search of the knee, taking the same settings built with {@code search()}.
 */
public final class Headroom {
    private Headroom() {}

    /**
     * Checks the settings, starts the run (its results folder, your service's reachability, the
     * metrics sampler) and returns your scenario injected as the settings' stair-step, followed by
     * the step that sizes the run once the last user is done. Call it once per simulation, in its
     * constructor or an initializer, as Gatling's {@code setUp} is.
     *
     * @throws dev.headroom.lab.LabException when a setting is wrong, the settings are a search's (use
     *     {@link #search}), or the service does not answer, before any load is sent
     */
    public static PopulationBuilder staircase(ScenarioBuilder scenario, HeadroomSettings settings) {
        return inject(scenario, settings, false);
    }

    /**
     * As {@link #staircase}, for settings that describe a capacity search ({@link
     * HeadroomSettings.Builder#search()}, or a scenario file's {@code model: search}): after a warm-up
     * until your service is steady, a pool of virtual users runs your scenario on the search's arrival
     * schedule, each pass timed from its intended start, trial after trial until the search has found
     * the highest rate that holds the SLO; then the run is sized. Each trial is a row of steps.csv.
     *
     * @throws dev.headroom.lab.LabException when a setting is wrong, the settings are a staircase's, or
     *     the service does not answer, before any load is sent
     */
    public static PopulationBuilder search(ScenarioBuilder scenario, HeadroomSettings settings) {
        return inject(scenario, settings, true);
    }

    private static PopulationBuilder inject(ScenarioBuilder scenario, HeadroomSettings settings, boolean search) {
        String name = scenario.wrapped.name();
        HeadroomRun run = explained(() -> {
            checkShape(settings.scenarioFor(name), search);
            return prepare(settings, name);
        });
        explained(() -> {
            run.start();
            return run;
        });
        // Gatling's public builders: a scenario's chain, the user's own actions unchanged
        ChainBuilder passes = ChainBuilder.EMPTY.make(empty -> scenario.wrapped.toChainBuilder());
        ChainBuilder measured = exec(run.abortGuard())
                .exec(session -> session.set(SENT, run.begin(0, session)))
                .exec(passes)
                .exec(session -> {
                    run.endPass(session.get(SENT), session.isFailed());
                    return session.remove(SENT);
                });
        // runs once every user of the staircase is done; a run Gatling stops early (an abort) is ended
        // by the shutdown hook instead
        PopulationBuilder finish = scenario("headroom: end of run, sizing")
                .exec(session -> {
                    run.finish();
                    return session;
                })
                .injectOpen(atOnceUsers(1));
        return run.load(name, measured).andThen(finish);
    }

    /** The name a simulation injects with says what it runs: a search is not a staircase. */
    static void checkShape(Scenario scenario, boolean search) {
        boolean isSearch = scenario.load() instanceof SearchLoad;
        if (isSearch && !search)
            throw new LabException("the settings describe a capacity search (search(), or model: search):"
                    + " inject it with Headroom.search(scenario, settings)");
        if (!isSearch && search)
            throw new LabException("the settings describe a staircase (openStaircase or closedStaircase):"
                    + " inject it with Headroom.staircase(scenario, settings), or build them with search()");
    }

    /**
     * Checks settings read from a scenario file ({@link HeadroomSettings#fromSystemProperties()}),
     * which names its own requests, and returns the run, not started yet.
     */
    public static HeadroomRun prepare(HeadroomSettings settings) {
        if (!settings.fromScenarioFile()) {
            throw new dev.headroom.lab.LabException("settings built in code record a pass under a name you give:"
                    + " use Headroom.prepare(settings, requestName)");
        }
        return prepare(settings, "");
    }

    /**
     * Checks the settings and returns the run, started by nobody yet: for a simulation that records
     * its requests one by one ({@link HeadroomRun}). Nothing is started and nothing is written.
     *
     * @param requestName what a pass is recorded as when the settings were built in code; a scenario
     *     file names its own requests
     */
    public static HeadroomRun prepare(HeadroomSettings settings, String requestName) {
        Scenario scenario = settings.scenarioFor(requestName);
        return new HeadroomRun(settings, LoadRun.prepare(settings.labFor(scenario), scenario));
    }

    private static final String SENT = "headroom.sent";

    /** Gatling would print only a stack trace; say plainly what is wrong first. */
    private static <T> T explained(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            System.err.println("\nheadroom: ERROR: " + e.getMessage() + "\n");
            System.err.flush();
            throw e;
        }
    }
}
