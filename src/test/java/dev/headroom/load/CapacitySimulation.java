package dev.headroom.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.headroom.metrics.Outcome;
import dev.headroom.scenario.ClosedLoad;
import dev.headroom.scenario.Endpoint;
import dev.headroom.scenario.LoadShape;
import dev.headroom.scenario.OpenLoad;
import dev.headroom.scenario.OwnRequest;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The stair-step capacity test behind {@code mvn gatling:test}: the scenario file chooses the
 * endpoint mix, the load shape and the SLO; {@link LoadRun} starts the lab and records each step.
 * Reads top to bottom as parameters, protocol, requests, scenario, injection, set-up.
 */
public class CapacitySimulation extends Simulation {

    // Parameters: settings and scenario are checked here, with no side effect; the lab starts in
    // before(), so the run directory only exists for a run that can really start.
    private final LoadRun run = prepareOrExplain();
    private final Duration timeout = Duration.ofMillis(Math.round(run.requestTimeoutS() * 1000));

    // Protocol: loopback only (checked by the settings); keep-alive connections shared between
    // virtual users, as a load balancer in front of the service would hold them. The base URL is
    // the lab's, known once it has started: each request reads it from the session.
    private final HttpProtocolBuilder protocol = http.acceptHeader("application/json")
            .disableWarmUp() // Gatling's warm-up calls an outside host; Headroom's traffic stays on loopback
            .shareConnections();

    // Requests: response time and status saved first, so they are known even when a check fails.
    // The planner writes each request's path (and body) into the session; one builder per name.
    private final Map<String, HttpRequestActionBuilder> requests =
            run.scenario().ownService() ? ownRequests() : referenceRequests();

    // Scenario: each virtual user sends one request of the mix (then thinks, in the closed model).
    private final ChainBuilder oneRequest = exec(stopLoadGeneratorIf(
                    session -> "Headroom aborted the run: " + run.abortReason(), session -> run.aborted()))
            .exec(this::plan)
            .exec(sendTheChosenRequest())
            .exec(this::record);

    private final ScenarioBuilder users =
            withThinkTime(scenario(run.scenario().name()).exec(oneRequest));

    {
        LoadShape load = run.scenario().load();
        Duration maxDuration = seconds(load.totalDurationS() + run.requestTimeoutS() + 30);
        if (load instanceof OpenLoad open) {
            setUp(users.injectOpen(openSteps(open))).protocols(protocol).maxDuration(maxDuration);
        } else {
            setUp(users.injectClosed(closedSteps((ClosedLoad) load)))
                    .protocols(protocol)
                    .maxDuration(maxDuration);
        }
    }

    @Override
    public void before() {
        try {
            run.start(HostCalibration::measure);
        } catch (RuntimeException e) {
            explain(e);
            throw e;
        }
    }

    @Override
    public void after() {
        run.finish();
    }

    private Session plan(Session session) {
        RequestPlanner.Request r = run.planner().next(ThreadLocalRandom.current());
        long t0 = run.clock().nanoTime();
        int step = run.recorder().begin(r.index(), t0);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("baseUrl", run.baseUrl());
        attributes.put("request", r.name());
        attributes.put("index", r.index());
        attributes.put("path", r.path());
        attributes.put("key", r.idempotencyKey() == null ? "" : r.idempotencyKey());
        attributes.put("body", r.body() == null ? "" : r.body());
        attributes.put("replay", r.replay());
        attributes.put("t0", t0);
        attributes.put("step", step);
        return session.removeAll("rt", "status", "orderId").setAll(attributes);
    }

    private Session record(Session session) {
        long end = run.clock().nanoTime();
        int index = session.getInt("index");
        long t0 = session.getLong("t0");
        Integer status = session.contains("status") ? session.getInt("status") : null;
        long rt = session.contains("rt") ? session.getLong("rt") : -1;
        Outcome outcome =
                session.isFailed() ? Outcome.ofFailure(status, (end - t0) / 1e9, run.requestTimeoutS()) : Outcome.OK;
        if (outcome == Outcome.OK && !run.scenario().ownService() && index == Endpoint.CREATE_ORDER.ordinal()) {
            run.ledger()
                    .acknowledged(session.getString("key"), session.getLong("orderId"), session.getBoolean("replay"));
        }
        run.recorder().end(index, session.getInt("step"), t0, end, rt, outcome);
        return session;
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

    private ScenarioBuilder withThinkTime(ScenarioBuilder scenario) {
        if (run.scenario().load() instanceof ClosedLoad closed && closed.thinkTimeS() > 0) {
            return scenario.pause(seconds(closed.thinkTimeS()));
        }
        return scenario;
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private Map<String, HttpRequestActionBuilder> referenceRequests() {
        return Map.of(
                Endpoint.MENU.key(), read(Endpoint.MENU),
                Endpoint.CREATE_ORDER.key(),
                        http(Endpoint.CREATE_ORDER.key())
                                .post("#{baseUrl}#{path}")
                                .header("Idempotency-Key", "#{key}")
                                .header("Content-Type", "application/json")
                                .body(StringBody("#{body}"))
                                .requestTimeout(timeout)
                                .check(
                                        responseTimeInMillis().saveAs("rt"),
                                        status().saveAs("status"),
                                        status().in(200, 201), // 201 created; 200 for a replayed key
                                        jsonPath("$.id").ofLong().saveAs("orderId")),
                Endpoint.GET_ORDER.key(), read(Endpoint.GET_ORDER),
                Endpoint.RECENT_ORDERS.key(), read(Endpoint.RECENT_ORDERS),
                Endpoint.BASELINE.key(), read(Endpoint.BASELINE));
    }

    /** A GET of the reference service that must answer 200. */
    private HttpRequestActionBuilder read(Endpoint endpoint) {
        return http(endpoint.key())
                .get("#{baseUrl}#{path}")
                .requestTimeout(timeout)
                .check(responseTimeInMillis().saveAs("rt"), status().saveAs("status"), status().is(200));
    }

    /** The user's own requests, as the scenario's requests: describes them. */
    private Map<String, HttpRequestActionBuilder> ownRequests() {
        Map<String, HttpRequestActionBuilder> builders = new HashMap<>();
        for (OwnRequest r : run.scenario().requests()) {
            HttpRequestActionBuilder b = http(r.name())
                    .httpRequest(r.method(), "#{baseUrl}#{path}")
                    .headers(r.headers())
                    .requestTimeout(timeout);
            if (r.body().isPresent()) {
                boolean typed = r.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type"));
                b = b.body(StringBody("#{body}"));
                if (!typed) b = b.header("Content-Type", "application/json");
            }
            List<Integer> ok = r.expectStatus().isEmpty()
                    ? IntStream.rangeClosed(200, 299).boxed().toList()
                    : r.expectStatus();
            builders.put(
                    r.name(), b.check(responseTimeInMillis().saveAs("rt"), status().saveAs("status"), status().in(ok)));
        }
        return builders;
    }

    /** Gatling's switch needs two branches: a mix of one request sends it directly. */
    private ChainBuilder sendTheChosenRequest() {
        List<String> weighted = run.scenario().ownService()
                ? run.scenario().requests().stream()
                        .filter(r -> r.weight() > 0)
                        .map(OwnRequest::name)
                        .toList()
                : run.scenario().mix().entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .map(e -> e.getKey().key())
                        .toList();
        if (weighted.size() == 1) return exec(requests.get(weighted.get(0)));
        return exec(doSwitch("#{request}")
                .on(weighted.stream()
                        .map(name -> onCase(name).then(exec(requests.get(name))))
                        .toList()));
    }

    private static LoadRun prepareOrExplain() {
        try {
            return LoadRun.prepare();
        } catch (RuntimeException e) {
            explain(e);
            throw e;
        }
    }

    /** Gatling would print only a stack trace; say plainly what is wrong first. */
    private static void explain(RuntimeException e) {
        System.err.println("\nheadroom: ERROR: " + e.getMessage() + "\n");
        System.err.flush();
    }
}
