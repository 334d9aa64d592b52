package example;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.headroom.gatling.Headroom;
import dev.headroom.gatling.HeadroomSettings;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Your simulation, as you write it for Gatling, with Headroom around its scenario: {@code mvn
 * gatling:test} measures the greeting service step by step and sizes it. Reads top to bottom as
 * parameters, protocol, scenario, set-up.
 */
public class GreetingSimulation extends Simulation {

    // Parameters: the service (started here, in a JVM of its own) and Headroom's settings. The
    // staircase can be shortened from the command line, e.g. -Dgreeting.step.s=5.
    private final LocalService service = LocalService.start();

    private final HeadroomSettings settings = HeadroomSettings.builder()
            .targetBaseUrl(service.baseUrl())
            .metricsUrl(service.baseUrl() + "/metrics")
            .warmupS(Double.parseDouble(System.getProperty("greeting.warmup.s", "10")))
            .openStaircase(50, 50, Integer.getInteger("greeting.steps", 4)) // 50, 100, 150, 200 passes/s
            .rampS(2)
            .stepDurationS(Double.parseDouble(System.getProperty("greeting.step.s", "15")))
            .sloP95Ms(50)
            .sloP99Ms(100)
            .sloErrorRatio(0.01)
            .sizingRequest(Path.of("src/test/resources/sizing.yaml"))
            .build();

    // Protocol: your own, as ever.
    private final HttpProtocolBuilder protocol =
            http.baseUrl(service.baseUrl()).acceptHeader("application/json").disableWarmUp();

    // Scenario: your own; Headroom records each pass through it as one request named "greet".
    private final ScenarioBuilder greet = scenario("greet")
            .exec(http("greeting")
                    .get(session -> "/greeting?name=user" + ThreadLocalRandom.current().nextInt(1000))
                    .check(status().is(200)));

    // Set-up: Headroom injects the staircase, then sizes the run.
    {
        setUp(Headroom.staircase(greet, settings)).protocols(protocol);
    }

    @Override
    public void after() {
        service.close();
    }
}
