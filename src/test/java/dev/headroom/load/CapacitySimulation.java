package dev.headroom.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.headroom.gatling.Headroom;
import dev.headroom.gatling.HeadroomRun;
import dev.headroom.gatling.HeadroomSettings;
import dev.headroom.scenario.Endpoint;
import dev.headroom.scenario.OwnRequest;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The stair-step capacity test behind {@code mvn gatling:test}: the scenario file chooses the
 * endpoint mix, the load shape and the SLO. A user of the public API ({@link Headroom}) like any
 * other, in its lower-level form ({@link HeadroomRun}): it records each request under its endpoint
 * with Gatling's response time, rather than each pass as a whole. Reads top to bottom as parameters,
 * protocol, requests, scenario, injection, set-up.
 */
public class CapacitySimulation extends Simulation {

    // Parameters: settings and scenario are checked here, with no side effect; the lab starts in
    // before(), so the run directory only exists for a run that can really start.
    private final HeadroomRun run = prepareOrExplain();
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
    private final ChainBuilder oneRequest =
            exec(run.abortGuard()).exec(this::plan).exec(sendTheChosenRequest()).exec(this::record);

    // Injection: Headroom's of the scenario file: a stair-step (closed: each user thinks after its
    // request), or a search's pool of users pacing themselves on its arrival schedule.
    {
        setUp(run.load(run.scenario().name(), oneRequest)).protocols(protocol).maxDuration(run.maxDuration());
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
        RequestPlanner.Request r = run.scenarioRequests().next(ThreadLocalRandom.current());
        HeadroomRun.Sent sent = run.begin(r.index(), session);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("baseUrl", run.baseUrl());
        attributes.put("request", r.name());
        attributes.put("index", r.index());
        attributes.put("path", r.path());
        attributes.put("key", r.idempotencyKey() == null ? "" : r.idempotencyKey());
        attributes.put("body", r.body() == null ? "" : r.body());
        attributes.put("replay", r.replay());
        attributes.put("sent", sent);
        return session.removeAll("rt", "status", "orderId").setAll(attributes);
    }

    private Session record(Session session) {
        int index = session.getInt("index");
        Integer status = session.contains("status") ? session.getInt("status") : null;
        long rt = session.contains("rt") ? session.getLong("rt") : -1;
        if (!session.isFailed() && !run.scenario().ownService() && index == Endpoint.CREATE_ORDER.ordinal()) {
            run.scenarioRequests()
                    .acknowledged(session.getString("key"), session.getLong("orderId"), session.getBoolean("replay"));
        }
        run.end(session.get("sent"), rt, session.isFailed(), status);
        return session;
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

    private static HeadroomRun prepareOrExplain() {
        try {
            return Headroom.prepare(HeadroomSettings.fromSystemProperties());
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
