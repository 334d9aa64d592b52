package dev.headroom.scenario;

import static dev.headroom.scenario.ScenarioFiles.lineOf;
import static dev.headroom.scenario.ScenarioFiles.problemsOf;
import static dev.headroom.scenario.ScenarioFiles.replace;
import static dev.headroom.scenario.ScenarioFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.headroom.yaml.InputFileException.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A scenario of the user's own requests: what it reads, and how each mistake is reported. */
class OwnRequestsTest {
    static final String OWN =
            """
            name: s
            description: my service
            requests:
              - name: list_items
                weight: 6
                path: /api/items?page=${random:1-50}
              - name: create_item
                weight: 1
                method: POST
                path: /api/items
                headers:
                  Authorization: Bearer test-token
                body: '{"name":"item-${uuid}"}'
                expect_status: [201, 409]
            load:
              model: open
              warmup_s: 5
              warmup_rps: 10
              start_rps: 10
              step_rps: 10
              steps: 2
              step_duration_s: 10
              ramp_s: 1
            slo:
              p95_ms: 100
              p99_ms: 250
              error_ratio: 0.01
            """;

    @TempDir
    Path dir;

    private Problem problem(String yaml, String lineSnippet, String field, String message) {
        return new Problem(dir.resolve("s.yaml").toString(), lineOf(yaml, lineSnippet), field, message);
    }

    @Test
    void requestsAreReadWithTheirDefaults() {
        write(dir, "s", OWN);
        Scenario s = ScenarioLoader.load("s", dir);

        assertThat(s.ownService()).isTrue();
        assertThat(s.mix()).isEmpty();
        assertThat(s.requestNames()).containsExactly("list_items", "create_item");
        OwnRequest list = s.requests().get(0);
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.weight()).isEqualTo(6);
        assertThat(list.body()).isEmpty();
        assertThat(list.headers()).isEmpty();
        assertThat(list.succeeds(200)).isTrue();
        assertThat(list.succeeds(299)).isTrue();
        assertThat(list.succeeds(304)).isFalse();
        OwnRequest create = s.requests().get(1);
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.headers()).containsExactly(entry("Authorization", "Bearer test-token"));
        assertThat(create.body().map(RequestTemplate::text)).isEqualTo(Optional.of("{\"name\":\"item-${uuid}\"}"));
        assertThat(create.expectStatus()).containsExactly(201, 409);
        assertThat(create.succeeds(409)).isTrue();
        assertThat(create.succeeds(200)).isFalse();
    }

    @Test
    void theReferenceServicesSectionsDoNotBelongToAnOwnServiceScenario() {
        String yaml = OWN + "mix:\n  menu: 1\nseed:\n  stores: 3\nservice:\n  cpus: 1\n";
        assertThat(problemsOf(dir, yaml))
                .extracting(Problem::field, Problem::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mix", lineOf(yaml, "mix:")),
                        org.assertj.core.groups.Tuple.tuple("seed", lineOf(yaml, "seed:")),
                        org.assertj.core.groups.Tuple.tuple("service", lineOf(yaml, "service:")));
        assertThat(problemsOf(dir, yaml).get(0).message())
                .contains("either mix:")
                .contains("not both");
        assertThat(problemsOf(dir, yaml).get(1).message()).contains("reference service only");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            method: POST           | method: FETCH                   | requests[1].method | must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS (upper case), was FETCH
            path: /api/items\\n     | path: api/items\\n               | requests[1].path   | must start with / (it is appended to -Dheadroom.target, so requests never leave the host you named), was api/items
            page=${random:1-50}    | page=${random:50-1}             | requests[0].path   | ${random:50-1}: FROM must not be above TO; accepted: ${random:FROM-TO} (whole numbers, FROM <= TO) or ${uuid}
            page=${random:1-50}    | page=${rand:1-50}               | requests[0].path   | unknown placeholder ${rand:1-50}; accepted: ${random:FROM-TO} (whole numbers, FROM <= TO) or ${uuid}
            page=${random:1-50}    | page=${random:1-50             | requests[0].path   | unclosed placeholder "${random:1-50"; accepted: ${random:FROM-TO} (whole numbers, FROM <= TO) or ${uuid}
            name: create_item      | name: list_items                | requests[1].name   | given to two requests; each request needs a name of its own
            name: create_item      | name: Create-Item               | requests[1].name   | must be lower-case letters, digits and _, starting with a letter (like list_items), was Create-Item
            [201, 409]             | [201, 700]                      | requests[1].expect_status | each item must be a whole number from 100 to 599, was 700
            weight: 6              | weight: -6                      | requests[0].weight | must be a whole number from 0 to 1000000, was -6
            weight: 6              | wieght: 6                       | requests[0].wieght | unknown field; did you mean weight? accepted here: name, weight, method, path, headers, body, expect_status
            """)
    void eachRequestProblemNamesItsItemAndField(String from, String to, String field, String message) {
        String yaml = replace(OWN, from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        List<Problem> problems = problemsOf(dir, yaml);
        assertThat(problems)
                .extracting(Problem::field, Problem::message)
                .contains(org.assertj.core.groups.Tuple.tuple(field, message));
    }

    @Test
    void aGetRequestHasNoBody() {
        String yaml = replace(
                OWN,
                "    path: /api/items?page=${random:1-50}\n",
                "    path: /api/items?page=${random:1-50}\n    body: '{}'\n");
        assertThat(problemsOf(dir, yaml))
                .containsExactly(problem(
                        yaml,
                        "body: '{}'",
                        "requests[0].body",
                        "a GET request has no body; use POST, PUT, PATCH or DELETE"));
    }

    @Test
    void requestsMustBeAListOfMappingsWithAtLeastOneWeight() {
        String notAList = OWN.substring(0, OWN.indexOf("requests:")) + "requests: /api/items\n"
                + OWN.substring(OWN.indexOf("load:"));
        assertThat(problemsOf(dir, notAList))
                .extracting(Problem::field, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "requests", "must be a list of requests (name, weight, method, path), was /api/items"));

        String allZero = replace(replace(OWN, "weight: 6", "weight: 0"), "weight: 1", "weight: 0");
        assertThat(problemsOf(dir, allZero))
                .extracting(Problem::field, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "requests[0].weight", "at least one request needs a weight > 0"));
    }

    @Test
    void withoutMixOrRequestsTheProblemNamesBoth() {
        String yaml = OWN.substring(0, OWN.indexOf("requests:")) + OWN.substring(OWN.indexOf("load:"));
        assertThat(problemsOf(dir, yaml))
                .extracting(Problem::field, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "mix",
                        "is required: endpoint weights (menu, create_order, get_order, recent_orders, baseline), or"
                                + " requests: listing your own service's endpoints"));
    }
}
