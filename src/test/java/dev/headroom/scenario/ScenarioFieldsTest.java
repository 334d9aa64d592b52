package dev.headroom.scenario;

import static dev.headroom.scenario.ScenarioFiles.MINIMAL_CLOSED;
import static dev.headroom.scenario.ScenarioFiles.MINIMAL_OPEN;
import static dev.headroom.scenario.ScenarioFiles.lineOf;
import static dev.headroom.scenario.ScenarioFiles.problemsOf;
import static dev.headroom.scenario.ScenarioFiles.replace;
import static dev.headroom.scenario.ScenarioFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.headroom.yaml.InputFileException.Problem;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of field problem is reported with its file, line, dotted field path and what is accepted. */
class ScenarioFieldsTest {
    private static final String ENDPOINTS = "menu, create_order, get_order, recent_orders, baseline";
    private static final String OPEN_FIELDS =
            "model, warmup, warmup_s, warmup_rps, start_rps, step_rps, steps, step_duration_s, ramp_s";

    @TempDir
    Path dir;

    private Problem problem(String yaml, String lineSnippet, String field, String message) {
        return new Problem(dir.resolve("s.yaml").toString(), lineOf(yaml, lineSnippet), field, message);
    }

    @Test
    void minimalOpenScenarioTakesTheDocumentedDefaults() {
        write(dir, "s", MINIMAL_OPEN);
        Scenario s = ScenarioLoader.load("s", dir);

        assertThat(s.mix()).containsExactly(entry(Endpoint.MENU, 3), entry(Endpoint.BASELINE, 1));
        assertThat(s.load()).isEqualTo(new OpenLoad(50, 10, 100, 50, 3, 20, 2));
        assertThat(s.slo()).isEqualTo(new Slo(100, 250, 0.01));
        assertThat(s.seed()).isEqualTo(new SeedSize(50, 30, 20_000));
        assertThat(s.service()).isEqualTo(new ServiceSettings(OptionalDouble.empty(), 10, 200, "512m"));
        assertThat(s.requestTimeoutS()).isEqualTo(10.0);
    }

    @Test
    void closedModelConvertsThinkTimeToSecondsAndDefaultsItToZero() {
        write(dir, "s", MINIMAL_CLOSED);
        assertThat(ScenarioLoader.load("s", dir).load()).isEqualTo(new ClosedLoad(5, 0, 10, 10, 2, 30, 0, 0));

        write(dir, "s", replace(MINIMAL_CLOSED, "  ramp_s: 0\n", "  ramp_s: 0\n  think_time_ms: 250\n"));
        assertThat(((ClosedLoad) ScenarioLoader.load("s", dir).load()).thinkTimeS())
                .isEqualTo(0.25);
    }

    @Test
    void optionalSectionsAreReadInTheirOwnUnits() {
        String yaml = MINIMAL_OPEN
                + """
                seed: {stores: 2, items_per_store: 3, orders: 0}
                service:
                  cpus: 1.5
                  pool_size: 4
                  tomcat_threads: 8
                  heap: 1g
                http:
                  request_timeout_ms: 2500
                """;
        write(dir, "s", yaml);
        Scenario s = ScenarioLoader.load("s", dir);

        assertThat(s.seed()).isEqualTo(new SeedSize(2, 3, 0));
        assertThat(s.service()).isEqualTo(new ServiceSettings(OptionalDouble.of(1.5), 4, 8, "1g"));
        assertThat(s.requestTimeoutS()).isEqualTo(2.5);
    }

    @Test
    void aMisspelledFieldIsUnknownWithASuggestionAndTheRealOneIsMissing() {
        String yaml = replace(MINIMAL_OPEN, "step_rps: 50", "stpe_rps: 50");

        assertThat(problemsOf(dir, yaml))
                .containsExactly(
                        problem(yaml, "load:", "load.step_rps", "is required: a number from 0 to 20000"),
                        problem(
                                yaml,
                                "stpe_rps",
                                "load.stpe_rps",
                                "unknown field; did you mean step_rps? accepted here: " + OPEN_FIELDS));
    }

    @Test
    void unknownFieldsAreRefusedAtEveryLevel() {
        String yaml = MINIMAL_OPEN + "colour: blue\nseed:\n  shops: 5\n";

        assertThat(problemsOf(dir, yaml))
                .containsExactly(
                        problem(
                                yaml,
                                "colour",
                                "colour",
                                "unknown field; accepted here: name, description, mix, load, slo, seed, service, http, assertions"),
                        problem(
                                yaml,
                                "shops",
                                "seed.shops",
                                "unknown field; accepted here: stores, items_per_store, orders"));
    }

    @Test
    void aMissingSectionIsReportedOnceOnLineOne() {
        String yaml = MINIMAL_OPEN.substring(0, MINIMAL_OPEN.indexOf("slo:"));

        assertThat(problemsOf(dir, yaml))
                .containsExactly(new Problem(
                        dir.resolve("s.yaml").toString(), 1, "slo", "is required: p95_ms, p99_ms and error_ratio"));
    }

    @Test
    void aSectionThatIsNotAMappingIsReportedOnceNotFieldByField() {
        String slo = MINIMAL_OPEN.substring(MINIMAL_OPEN.indexOf("slo:"));
        String yaml = replace(MINIMAL_OPEN, slo, "slo: strict\n");

        assertThat(problemsOf(dir, yaml))
                .containsExactly(problem(
                        yaml, "slo: strict", "slo", "must be a mapping of p95_ms, p99_ms and error_ratio, was strict"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            steps: 3            | steps: ten          | load.steps           | must be a whole number from 1 to 200, was ten
            steps: 3            | steps: 0            | load.steps           | must be a whole number from 1 to 200, was 0
            steps: 3            | steps: 201          | load.steps           | must be a whole number from 1 to 200, was 201
            steps: 3            | steps: 2.5          | load.steps           | must be a whole number from 1 to 200, was 2.5
            steps: 3            | steps: "3"          | load.steps           | must be a whole number from 1 to 200, was "3" (quoted, so text)
            steps: 3            | steps: 0x10         | load.steps           | must be a whole number from 1 to 200, was 0x10
            steps: 3            | steps: [3]          | load.steps           | must be a whole number from 1 to 200, was a list
            step_duration_s: 20 | step_duration_s: 0  | load.step_duration_s | must be a whole number from 1 to 3600, was 0
            ramp_s: 2           | ramp_s: -1          | load.ramp_s          | must be a whole number from 0 to 3600, was -1
            warmup_s: 10        | warmup_s: 1.5       | load.warmup_s        | must be a whole number from 0 to 3600, was 1.5
            start_rps: 100      | start_rps: 0        | load.start_rps       | must be a number > 0 and <= 20000, was 0
            start_rps: 100      | start_rps: .inf     | load.start_rps       | must be a number > 0 and <= 20000, was .inf
            warmup_rps: 50      | warmup_rps: 20000.5 | load.warmup_rps      | must be a number > 0 and <= 20000, was 20000.5
            step_rps: 50        | step_rps: -5        | load.step_rps        | must be a number from 0 to 20000, was -5
            menu: 3             | menu: -1            | mix.menu             | must be a whole number from 0 to 1000000, was -1
            menu: 3             | menu: 0.5           | mix.menu             | must be a whole number from 0 to 1000000, was 0.5
            p95_ms: 100         | p95_ms: 0           | slo.p95_ms           | must be a number > 0, was 0
            p99_ms: 250         | p99_ms:             | slo.p99_ms           | must be a number > 0, was empty
            p99_ms: 250         | p99_ms: 90          | slo.p99_ms           | must be >= p95_ms (100), was 90
            error_ratio: 0.01   | error_ratio: 1.5    | slo.error_ratio      | must be a number from 0 to 1, was 1.5
            name: s             | name: t             | name                 | must equal the file name without .yaml (s), was t
            model: open         | model: opne         | load.model           | must be open, closed or search, was opne
            """)
    void aBadValueIsRefusedOnItsLineSayingWhatIsAccepted(String from, String to, String field, String message) {
        String yaml = replace(MINIMAL_OPEN, from, to);

        assertThat(problemsOf(dir, yaml)).containsExactly(problem(yaml, to, field, message));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            seed:    | stores: 0                | seed.stores             | must be a whole number from 1 to 100000, was 0
            seed:    | items_per_store: 1001    | seed.items_per_store    | must be a whole number from 1 to 1000, was 1001
            seed:    | orders: 10000001         | seed.orders             | must be a whole number from 0 to 10000000, was 10000001
            service: | cpus: 0                  | service.cpus            | must be a number > 0 and <= 256, was 0
            service: | cpus: 257                | service.cpus            | must be a number > 0 and <= 256, was 257
            service: | pool_size: 0             | service.pool_size       | must be a whole number from 1 to 1000, was 0
            service: | tomcat_threads: 10001    | service.tomcat_threads  | must be a whole number from 1 to 10000, was 10001
            service: | heap: lots               | service.heap            | must be a JVM size like 256m or 1g (k, m or g), was lots
            service: | heap: 512                | service.heap            | must be a JVM size like 256m or 1g (k, m or g), was 512
            http:    | request_timeout_ms: 99   | http.request_timeout_ms | must be a whole number from 100 to 600000, was 99
            """)
    void aBadOptionalValueIsRefusedNotReplacedByItsDefault(String section, String line, String field, String message) {
        String yaml = MINIMAL_OPEN + section + "\n  " + line + "\n";

        assertThat(problemsOf(dir, yaml)).containsExactly(problem(yaml, line, field, message));
    }

    @Test
    void theLastStepMayNotGoPastTheLargestRateOrUserCount() {
        String open = replace(replace(MINIMAL_OPEN, "steps: 3", "steps: 200"), "step_rps: 50", "step_rps: 150");
        assertThat(problemsOf(dir, open))
                .containsExactly(
                        problem(
                                open,
                                "step_rps",
                                "load.step_rps",
                                "the last step (200) would offer 29950 rps, more than 20000; lower start_rps, step_rps or steps"));

        String closed = replace(MINIMAL_CLOSED, "step_users: 10", "step_users: 5000");
        assertThat(problemsOf(dir, closed))
                .containsExactly(
                        problem(
                                closed,
                                "step_users",
                                "load.step_users",
                                "the last step (2) would have 5010 users, more than 5000; lower start_users, step_users or steps"));
    }

    @Test
    void anUnknownEndpointInTheMixListsTheAcceptedOnes() {
        String yaml = replace(MINIMAL_OPEN, "menu: 3", "checkout: 3");

        assertThat(problemsOf(dir, yaml))
                .containsExactly(problem(yaml, "checkout", "mix.checkout", "unknown endpoint; accepted: " + ENDPOINTS));
    }

    @Test
    void aMixWithoutAnyPositiveWeightIsRefused() {
        String yaml = replace(replace(MINIMAL_OPEN, "menu: 3", "menu: 0"), "baseline: 1", "baseline: 0");

        assertThat(problemsOf(dir, yaml))
                .containsExactly(problem(
                        yaml, "mix:", "mix", "needs at least one endpoint with a weight > 0; endpoints: " + ENDPOINTS));
    }

    @Test
    void anUnknownModelIsOneProblemNotOnePerModelField() {
        String yaml = replace(MINIMAL_OPEN, "model: open", "model: opne");

        assertThat(problemsOf(dir, yaml)).hasSize(1);
    }

    @Test
    void aMissingModelIsRequired() {
        String yaml = replace(MINIMAL_OPEN, "  model: open\n", "");

        assertThat(problemsOf(dir, yaml))
                .containsExactly(problem(yaml, "load:", "load.model", "is required: open, closed or search"));
    }

    @Test
    void aFieldOfTheOtherModelIsRefusedNamingTheOneToUse() {
        String open = replace(MINIMAL_OPEN, "  ramp_s: 2\n", "  ramp_s: 2\n  think_time_ms: 100\n  start_users: 3\n");
        assertThat(problemsOf(dir, open))
                .extracting(Problem::field, Problem::line, Problem::message)
                .containsExactly(
                        tuple(
                                "load.think_time_ms",
                                lineOf(open, "think_time_ms"),
                                "only for model: closed; in model: open arrivals do not wait for answers, so nobody thinks"),
                        tuple(
                                "load.start_users",
                                lineOf(open, "start_users"),
                                "only for model: closed; model: open takes start_rps"));

        String closed = replace(MINIMAL_CLOSED, "  ramp_s: 0\n", "  ramp_s: 0\n  step_rps: 10\n");
        assertThat(problemsOf(dir, closed))
                .containsExactly(problem(
                        closed, "step_rps", "load.step_rps", "only for model: open; model: closed takes step_users"));
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        String yaml = replace(MINIMAL_OPEN, "  ramp_s: 2\n", "  ramp_s: 2\n  steps: 4\n");

        assertThat(problemsOf(dir, yaml))
                .containsExactly(problem(
                        yaml,
                        "steps: 4",
                        "load.steps",
                        "given twice; the first is on line " + lineOf(yaml, "steps: 3")));
    }
}
