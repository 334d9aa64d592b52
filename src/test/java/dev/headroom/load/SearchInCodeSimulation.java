package dev.headroom.load;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.headroom.gatling.Headroom;
import dev.headroom.gatling.HeadroomSettings;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;

/**
 * A user's own simulation that searches for its service's knee with settings built in code, as
 * docs/gatling-api.md shows: for SearchIT, against the single-threaded 5 ms Python service at {@code
 * -Dheadroom.target}, with search-own.yaml's short trials. Headroom's {@code -Dheadroom.*}
 * properties are not read by the builder: the simulation passes the two folders it is given itself.
 */
public class SearchInCodeSimulation extends Simulation {
    private final String target = System.getProperty("headroom.target");

    private final HeadroomSettings settings = HeadroomSettings.builder()
            .targetBaseUrl(target)
            .resultsDir(Path.of(System.getProperty("headroom.results.dir")))
            .gatlingResultsDir(Path.of(System.getProperty("headroom.gatling.results.dir")))
            .prometheus("off")
            .search()
            .warmupRps(100)
            .warmupWindowS(5)
            .warmupMaxS(20)
            .searchMaxRps(1000)
            .searchPrecision(0.1)
            .shortTrialS(3)
            .fullTrialS(6)
            .searchRepeats(1)
            .maxTrials(12)
            .maxSearchS(60)
            .rampS(1)
            .sloP95Ms(100)
            .sloP99Ms(250)
            .sloErrorRatio(0.01)
            .requestTimeoutS(3)
            .build();

    private final ScenarioBuilder work =
            scenario("work").exec(http("work").get("/work").check(status().is(200)));

    {
        setUp(Headroom.search(work, settings)).protocols(http.baseUrl(target));
    }
}
