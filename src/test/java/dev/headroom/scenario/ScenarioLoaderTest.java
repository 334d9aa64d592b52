package dev.headroom.scenario;

import static dev.headroom.scenario.ScenarioFiles.MINIMAL_OPEN;
import static dev.headroom.scenario.ScenarioFiles.lineOf;
import static dev.headroom.scenario.ScenarioFiles.problemsOf;
import static dev.headroom.scenario.ScenarioFiles.replace;
import static dev.headroom.scenario.ScenarioFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.headroom.yaml.InputFileException;
import dev.headroom.yaml.InputFileException.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the file, hashing it, and problems with the document as a whole. */
class ScenarioLoaderTest {
    @TempDir
    Path dir;

    private String file() {
        return dir.resolve("s.yaml").toString();
    }

    @Test
    void anUnknownNameListsTheAvailableScenarios() throws Exception {
        write(dir, "b", MINIMAL_OPEN);
        write(dir, "a", MINIMAL_OPEN);
        Files.writeString(dir.resolve("notes.txt"), "not a scenario");

        InputFileException e = catchThrowableOfType(InputFileException.class, () -> ScenarioLoader.load("c", dir));

        assertThat(e.problems())
                .containsExactly(new Problem(
                        dir.resolve("c.yaml").toString(),
                        0,
                        "",
                        "no scenario named 'c' in " + dir + "; available: a, b"));
    }

    @Test
    void anUnknownNameInAnEmptyDirectorySaysThereAreNone() {
        assertThatThrownBy(() -> ScenarioLoader.load("quick", dir)).hasMessageEndingWith("; available: none");
    }

    @Test
    void aValueWithASeparatorOrAYamlExtensionIsAPath() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        Path yml = other.resolve("t.yml");
        Files.writeString(yml, replace(MINIMAL_OPEN, "name: s", "name: t"));

        Scenario scenario = ScenarioLoader.load(yml.toString(), dir);

        assertThat(scenario.name()).isEqualTo("t");
        assertThat(scenario.source()).isEqualTo(yml.toString());
        assertThat(ScenarioLoader.isPath("quick")).isFalse();
        assertThat(ScenarioLoader.isPath("quick.yaml")).isTrue();
        assertThat(ScenarioLoader.isPath("../x/quick")).isTrue();
    }

    @Test
    void aPathThatDoesNotExistIsAProblemWithTheFile() {
        String missing = dir.resolve("missing.yaml").toString();

        InputFileException e = catchThrowableOfType(InputFileException.class, () -> ScenarioLoader.load(missing, dir));

        assertThat(e.problems()).containsExactly(new Problem(missing, 0, "", "no such file"));
        assertThat(e.getMessage()).isEqualTo(missing + ": no such file");
    }

    @Test
    void theHashIsOfTheFileBytesAndChangesWhenTheFileDoes() throws Exception {
        Path path = write(dir, "s", MINIMAL_OPEN);
        String first = ScenarioLoader.load("s", dir).sha256();
        assertThat(first).isEqualTo(sha256(Files.readAllBytes(path)));
        assertThat(ScenarioLoader.load("s", dir).sha256()).isEqualTo(first);

        write(dir, "s", MINIMAL_OPEN + "# a comment changes the bytes, so the hash\n");
        String second = ScenarioLoader.load("s", dir).sha256();

        assertThat(second).isNotEqualTo(first).isEqualTo(sha256(Files.readAllBytes(path)));
    }

    @Test
    void anEmptyFileOrOneOfOnlyCommentsIsAProblemOnLineOne() {
        for (String yaml : List.of("", "# nothing but a comment\n\n")) {
            assertThat(problemsOf(dir, yaml))
                    .containsExactly(new Problem(
                            file(),
                            1,
                            "",
                            "the file is empty; a scenario is a mapping with name, description, mix, load, slo"));
        }
    }

    @Test
    void aDocumentThatIsNotAMappingIsRefusedOnItsLine() {
        String yaml = "# a list, not a scenario\n- quick\n- default\n";

        assertThat(problemsOf(dir, yaml))
                .containsExactly(new Problem(
                        file(), 2, "", "a scenario must be a mapping of fields (name: ..., load: ...), was a list"));
    }

    @Test
    void aYamlSyntaxErrorHasTheParsersLine() {
        String yaml = replace(MINIMAL_OPEN, "description: smallest open scenario", "description: a: b");

        List<Problem> problems = problemsOf(dir, yaml);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(lineOf(yaml, "description: a: b"));
            assertThat(p.field()).isEmpty();
            assertThat(p.message()).startsWith("YAML syntax: mapping values are not allowed here");
        });
    }

    @Test
    void aTabInTheIndentationIsASyntaxErrorOnItsLine() {
        String yaml = replace(MINIMAL_OPEN, "  steps: 3", "\tsteps: 3");

        assertThat(problemsOf(dir, yaml)).singleElement().satisfies(p -> assertThat(p.line())
                .isEqualTo(lineOf(yaml, "\tsteps")));
    }

    @Test
    void aSecondDocumentIsRefusedWhereItStarts() {
        String yaml = MINIMAL_OPEN + "---\nname: t\n";

        assertThat(problemsOf(dir, yaml)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(lineOf(yaml, "---"));
            assertThat(p.message()).contains("expected a single document");
        });
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedOnTheirLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("name: s\ndescription: caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // Latin-1 e-acute
        bytes.write("\n".getBytes(StandardCharsets.UTF_8));
        write(dir, "s", bytes.toByteArray());

        InputFileException e = catchThrowableOfType(InputFileException.class, () -> ScenarioLoader.load("s", dir));

        assertThat(e.problems())
                .containsExactly(new Problem(file(), 2, "", "not UTF-8 at byte 24; save the file as UTF-8"));
    }

    @Test
    void aControlCharacterIsRefusedOnItsLine() {
        String yaml = replace(MINIMAL_OPEN, "smallest open scenario", "smallest \u0007 scenario");

        assertThat(problemsOf(dir, yaml)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(lineOf(yaml, "\u0007"));
            assertThat(p.message()).contains("U+0007");
        });
    }

    @Test
    void everyProblemIsReportedAtOnceInLineOrderOnePerLineOfTheMessage() {
        String yaml = replace(
                        replace(replace(MINIMAL_OPEN, "steps: 3", "steps: ten"), "menu: 3", "checkout: 3"),
                        "error_ratio: 0.01",
                        "error_ratio: 2")
                + "colour: blue\n";

        InputFileException e = catchThrowableOfType(InputFileException.class, () -> {
            write(dir, "s", yaml);
            ScenarioLoader.load("s", dir);
        });

        assertThat(e.problems())
                .extracting(Problem::line, Problem::field)
                .containsExactly(
                        tuple(lineOf(yaml, "checkout"), "mix.checkout"),
                        tuple(lineOf(yaml, "steps: ten"), "load.steps"),
                        tuple(lineOf(yaml, "error_ratio"), "slo.error_ratio"),
                        tuple(lineOf(yaml, "colour"), "colour"));
        assertThat(e.getMessage().lines())
                .containsExactlyElementsOf(
                        e.problems().stream().map(Problem::toString).toList());
        assertThat(e.getMessage().lines().toList().get(1))
                .isEqualTo(file() + ":" + lineOf(yaml, "steps: ten")
                        + ": load.steps: must be a whole number from 1 to 200, was ten");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
