package dev.headroom.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.results.Json;
import dev.headroom.results.RunJson;
import dev.headroom.sizing.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a Headroom run recorded about itself in run.json, as far as the sizer needs it: the test
 * bed and the scenario's SLO. A steps.csv from another tool has no run.json: everything unknown.
 */
public record RunRecord(
        String runId, String scenario, TestBed testBed, double sloP95Ms, double sloP99Ms, double sloErrorRatio) {

    static final String RUN_JSON = "run.json";

    static RunRecord none() {
        return new RunRecord("", "", TestBed.unknown(), Double.NaN, Double.NaN, Double.NaN);
    }

    /** Reads {@code dir/run.json} when there is one. */
    public static RunRecord in(Path dir) {
        Path file = dir.resolve(RUN_JSON);
        if (!Files.isRegularFile(file)) return none();
        JsonNode run;
        try {
            run = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": not readable JSON: " + e.getMessage());
        }
        RunJson.Environment env = RunJson.environment(run);
        RunJson.Scenario scenario = RunJson.scenario(run);
        JsonNode lab = run.path("lab");
        JsonNode db = lab.path("database");
        String engine = db.path("engine").asText("unknown")
                + (db.has("version") ? " " + db.path("version").asText() : "");
        TestBed bed = new TestBed(
                number(lab.path("cpu_budget").path("applied_cpus")),
                number(lab.path("service").path("launch").path("startup_ms")) / 1000,
                lab.path("service").path("pool_size").asInt(0),
                Optional.ofNullable(env.host().cpuModel()).orElse("unknown"),
                engine,
                lab.path("service").path("tomcat_threads").asInt(0),
                TestBed.archOfJvm(Optional.ofNullable(env.host().arch()).orElse("")));
        RunJson.Slo slo = scenario.slo();
        return new RunRecord(
                run.path("run_id").asText(""),
                Optional.ofNullable(scenario.name()).orElse(""),
                bed,
                orNaN(slo.p95Ms()),
                orNaN(slo.p99Ms()),
                orNaN(slo.errorRatio()));
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
