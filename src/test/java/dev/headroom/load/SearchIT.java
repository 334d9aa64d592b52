package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.results.StepsCsvFiles;
import dev.headroom.scenario.SearchPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load.model: search} end to end, with the real Gatling engine: against the lab's reference
 * service, and against a service Headroom did not write whose capacity is known in advance.
 */
class SearchIT {
    private static final Path SCENARIOS = Path.of("src", "test", "resources", "scenarios");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every phase a search writes: all of SearchPhase's but a staircase's step. */
    private static final Set<String> PHASES = java.util.Arrays.stream(SearchPhase.values())
            .filter(p -> p != SearchPhase.STEP)
            .map(SearchPhase::csvName)
            .collect(java.util.stream.Collectors.toSet());

    @TempDir
    Path work;

    @Test
    void aServiceOfKnownCapacityIsFoundJustBelowIt() throws Exception {
        assumeTrue(ForeignService.onPath("python3"), "python3 is not on the PATH");
        try (ForeignService python = ForeignService.pythonFixedServiceTime(5, work)) {
            GatlingProcess gatling = GatlingProcess.start(
                    work,
                    Map.of(
                            "headroom.scenario", scenario("search-own"),
                            "headroom.target", python.url("").toString(),
                            "headroom.calibration", "off"));
            int exit = gatling.waitFor(300);
            String out = gatling.output();
            assertThat(exit).as(out).isZero();

            Path run = GatlingProcess.onlyRun(work);
            JsonNode search = checkedSearch(run, out);
            // one request at a time, 99 % of them 5 ms: at most 1 / (0.99 x 0.005 s) = 202 req/s. The
            // answer passed its full-length trials, so it is below that; the 10 % precision and
            // Python's own overhead (about 0.3 ms a request) put it above 0.6 x 200 = 120 req/s.
            double capacity = search.get("capacity_rps").asDouble();
            assertThat(capacity).as(describe(run, out)).isBetween(120.0, 202.0);
            // the 404s on purpose are counted once each, as what they are: about 1 % of the requests
            // over the whole search (several thousand: 0.3 % and 2 % are over 5 standard deviations
            // away), and never a later request of the same pooled user (a 200 counted as failed)
            List<CSVRecord> rows = StepsCsvFiles.read(run);
            assertNoAnswerCountedAsFailed(rows, describe(run, out));
            double requests = rows.stream()
                    .mapToDouble(r -> Double.parseDouble(r.get("requests")))
                    .sum();
            double notFound = rows.stream()
                    .mapToDouble(r -> Double.parseDouble(r.get("errors_http_4xx")))
                    .sum();
            assertThat(notFound / requests).as(describe(run, out)).isBetween(0.003, 0.02);
            assertThat(search.get("status").asText()).as(describe(run, out)).isEqualTo("found");
            assertThat(search.get("lowest_failing_rps").asDouble()).isGreaterThan(capacity);
        }
    }

    @Test
    void theLabsReferenceServiceIsSearchedAndItsTrialsAreRowsOfStepsCsv() throws Exception {
        GatlingProcess gatling = GatlingProcess.start(work, Map.of("headroom.scenario", scenario("search-smoke")));
        int exit = gatling.waitFor(420);
        String out = gatling.output();
        assertThat(exit).as(out).isZero();

        Path run = GatlingProcess.onlyRun(work);
        JsonNode search = checkedSearch(run, out);
        // found, or bounded by this host or by the smoke's tight budget (12 trials: a CI host whose
        // service was still compiling spent them on a retest and a confirmation that failed): either
        // way a rate the service carried at full length (checkedSearch), and the status says which
        String described = describe(run, out);
        assertThat(search.get("status").asText())
                .as(described)
                .isIn("found", "host_bound", "ceiling_reached", "budget_exhausted");
        assertThat(search.get("capacity_rps").asDouble()).isPositive();
        // a search cut short by its budget brackets the knee, unless a retest that passed cleared the
        // last fail below its answer's bracket and no trial failed above it since (CapacitySearch,
        // "retest"): then nothing bounds it from above, and the sizer calls it a lower bound
        if (search.get("status").asText().equals("budget_exhausted")
                && !search.get("lowest_failing_rps").isNumber()) {
            assertThat(passedRetest(StepsCsvFiles.read(run)))
                    .as("a search cut short with no failure above its answer passed a retest%n%s", described)
                    .isTrue();
            assertThat(JSON.readTree(run.resolve("sizing.json").toFile())
                            .at("/capacity/search/lower_bound")
                            .asBoolean())
                    .as(described)
                    .isTrue();
        }
        JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
        JsonNode warmup = runJson.get("warmup");
        assertThat(warmup.get("ended_by").asText()).as(described).isNotBlank();
        // the service started on the warm-up's raised quota where the quota can change, and the
        // start-up the sizer reads is the one on the budget: its CPU time over 0.5 cores, at least
        JsonNode launch = runJson.at("/lab/service/launch");
        double budget = runJson.at("/lab/cpu_budget/applied_cpus").asDouble();
        if (runJson.at("/lab/cpu_budget/mechanism").asText().startsWith("cgroup")) {
            assertThat(launch.get("start_cores").asDouble()).as(described).isGreaterThan(budget);
            // and the kernel's quota was the budget again once it was ready
            assertThat(runJson.at("/lab/service/quota_at_ready_cores").asDouble())
                    .as(described)
                    .isCloseTo(budget, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(launch.get("startup_cpu_ms").asLong()).as(described).isPositive();
            assertThat(runJson.at("/lab/service/startup_at_budget_ms").asDouble())
                    .as(described)
                    .isGreaterThanOrEqualTo(launch.get("startup_ms").asDouble())
                    .isGreaterThanOrEqualTo(launch.get("startup_cpu_ms").asDouble() / budget - 1);
        }
        assertThat(warmup.get("windows").size()).isPositive();
        assertThat(Files.exists(run.resolve("sizing.json"))).as(described).isTrue();
        // the reference service answers every 2xx with the order; a trial past the knee times some
        // requests out, and the trials after it must not count those users' later answers as failed
        assertNoAnswerCountedAsFailed(StepsCsvFiles.read(run), described);
    }

    /** A 2xx or 3xx answer counted as an error: here, only a failure carried over from an earlier request. */
    private static void assertNoAnswerCountedAsFailed(List<CSVRecord> rows, String described) {
        for (CSVRecord r : rows)
            assertThat(Double.parseDouble(r.get("errors_bad_response")))
                    .as("trial %s: answers counted as failed%n%s", r.get("step"), described)
                    .isZero();
    }

    /**
     * The same knee, found by a simulation of the user's own with settings built in code ({@code
     * HeadroomSettings.builder().search()}, {@code Headroom.search}): each pass through the user's
     * scenario is a request of the search's schedule.
     */
    @Test
    void aSearchBuiltInCodeFindsTheKneeOfTheUsersOwnScenario() throws Exception {
        assumeTrue(ForeignService.onPath("python3"), "python3 is not on the PATH");
        try (ForeignService python = ForeignService.pythonFixedServiceTime(5, work)) {
            GatlingProcess gatling = GatlingProcess.start(
                    work, Map.of("headroom.target", python.url("").toString()), Map.of(), SearchInCodeSimulation.class);
            int exit = gatling.waitFor(300);
            String out = gatling.output();
            assertThat(exit).as(out).isZero();

            Path run = GatlingProcess.onlyRun(work);
            JsonNode search = checkedSearch(run, out);
            // as for search-own.yaml's search above: at most 1 / 5 ms = 200 req/s, and above 0.6 x 200
            double capacity = search.get("capacity_rps").asDouble();
            assertThat(capacity).as(describe(run, out)).isBetween(120.0, 202.0);
            assertThat(search.get("status").asText()).as(describe(run, out)).isEqualTo("found");
            JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
            // the scenario is the simulation's: its source, and one request, the pass, named after it
            assertThat(runJson.at("/scenario/file").asText())
                    .isEqualTo("gatling:" + SearchInCodeSimulation.class.getName());
            assertThat(runJson.at("/warmup/ended_by").asText()).as(out).isNotBlank();
            // every pass answered 200: no trial below the knee has a failed pass
            for (CSVRecord r : StepsCsvFiles.read(run))
                if (r.get("slo_met").equals("true"))
                    assertThat(Double.parseDouble(r.get("error_ratio")))
                            .as(describe(run, out))
                            .isZero();
        }
    }

    /** What every search must leave on disk: its answer, its interval, and one row per trial. */
    private static JsonNode checkedSearch(Path run, String gatlingOutput) throws Exception {
        String out = describe(run, gatlingOutput);
        JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
        assertThat(runJson.get("status").asText()).as(out).isEqualTo("completed");
        JsonNode search = runJson.get("search");
        assertThat(search).as(out).isNotNull();
        List<CSVRecord> rows = StepsCsvFiles.read(run);
        assertThat(rows).as(out).hasSize(search.get("trials").asInt());
        double capacity = search.get("capacity_rps").asDouble();
        boolean confirmedAtAnswer = false;
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            assertThat(row.get("step")).isEqualTo(Integer.toString(i + 1));
            assertThat(row.get("phase")).isIn(PHASES);
            assertThat(row.get("model")).isEqualTo("open");
            // steps.csv writes rates to 4 decimals, run.json in full
            if (Math.abs(Double.parseDouble(row.get("offered_rps")) - capacity) < 1e-3
                    && Set.of("confirm", "repeat").contains(row.get("phase"))) confirmedAtAnswer = true;
        }
        assertThat(rows.get(0).get("phase")).isEqualTo("probe");
        assertThat(confirmedAtAnswer)
                .as(
                        "a confirm or repeat trial at the answer (after a failed confirmation, full-length bisection"
                                + " reaches it)%n%s",
                        out)
                .isTrue();
        // the interval: the answer's full-length throughputs, below the lowest rate that failed; open
        // above only for a search cut short after a retest passed with nothing failing above it since
        // (checked by the caller) or one that passed at its ceiling
        assertThat(search.get("boundary_throughputs_rps").size()).as(out).isGreaterThanOrEqualTo(2);
        assertThat(search.get("interval_low_rps").asDouble()).as(out).isLessThanOrEqualTo(capacity);
        if (search.get("interval_high_rps").isNumber())
            assertThat(search.get("interval_high_rps").asDouble()).as(out).isGreaterThan(capacity);
        else
            assertThat(search.get("status").asText())
                    .as("an open interval only when nothing failed above the answer%n%s", out)
                    .isIn("budget_exhausted", "ceiling_reached");
        return search;
    }

    /** A retest trial that met the SLO: it cleared the fail it retested. */
    private static boolean passedRetest(List<CSVRecord> rows) {
        return rows.stream()
                .anyMatch(
                        r -> r.get("phase").equals("retest") && r.get("slo_met").equals("true"));
    }

    /**
     * A failure's description: the trials first, then Headroom's own lines. CI keeps the head and
     * the tail of a long message, and Gatling's progress frames once pushed the trials out of both.
     */
    private static String describe(Path run, String gatlingOutput) {
        StringBuilder b =
                new StringBuilder("trials (step phase offered -> throughput, slo_met, valid, app CPU cores, errors"
                        + " timeout/4xx/5xx/connection/bad response of requests):\n");
        try {
            for (CSVRecord r : StepsCsvFiles.read(run))
                b.append(String.format(
                        "  %s %s %s -> %s, %s, %s, %s, %s/%s/%s/%s/%s of %s%n",
                        r.get("step"),
                        r.get("phase"),
                        r.get("offered_rps"),
                        r.get("throughput_rps"),
                        r.get("slo_met"),
                        r.get("valid"),
                        r.get("app_cpu_cores"),
                        r.get("errors_timeout"),
                        r.get("errors_http_4xx"),
                        r.get("errors_http_5xx"),
                        r.get("errors_connection"),
                        r.get("errors_bad_response"),
                        r.get("requests")));
        } catch (Exception e) {
            b.append("  (steps.csv unreadable: ").append(e).append(")\n");
        }
        gatlingOutput.lines().filter(l -> l.startsWith("headroom:")).forEach(l -> b.append(l)
                .append('\n'));
        return b.toString();
    }

    private static String scenario(String name) {
        return SCENARIOS.resolve(name + ".yaml").toAbsolutePath().toString();
    }
}
