package dev.headroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.headroom.cli.Main;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The nightly workflow is valid YAML that SchemaStore's GitHub workflow schema accepts (pinned in
 * src/test/resources/github, see its README), and every Headroom command it runs parses.
 */
class WorkflowSchemaTest {
    static final Path WORKFLOW = Path.of(".github", "workflows", "nightly.yml");
    static final String SCHEMA = "/github/github-workflow.schema.json";
    static final String SCHEMA_SHA256 = "d71927e9e78eb0d907806aa0ba010babb4b2e633bd0142eac6867330d9de446e";

    private static final YAMLMapper YAML = new YAMLMapper();

    static List<Error> validate(String workflowYaml) throws Exception {
        Schema schema;
        try (InputStream in = WorkflowSchemaTest.class.getResourceAsStream(SCHEMA)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(in);
        }
        JsonNode workflow = YAML.readTree(workflowYaml);
        return schema.validate(workflow);
    }

    @Test
    void theSchemaIsThePinnedOne() throws Exception {
        try (InputStream in = WorkflowSchemaTest.class.getResourceAsStream(SCHEMA)) {
            byte[] bytes = in.readAllBytes();
            assertThat(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .isEqualTo(SCHEMA_SHA256);
        }
    }

    @Test
    void theNightlyWorkflowIsAValidWorkflow() throws Exception {
        List<Error> errors = validate(Files.readString(WORKFLOW));
        assertThat(errors).as(errors.toString()).isEmpty();
    }

    @Test
    void aMisspelledJobKeyIsRefused() throws Exception {
        String broken = Files.readString(WORKFLOW).replace("timeout-minutes: 45", "timeout-minute: 45");
        assertThat(broken).isNotEqualTo(Files.readString(WORKFLOW));
        List<Error> errors = validate(broken);
        assertThat(errors).isNotEmpty();
        assertThat(errors.toString()).contains("timeout-minute");
    }

    @Test
    void aStepThatNeitherRunsNorUsesIsRefused() throws Exception {
        String broken = Files.readString(WORKFLOW).replace("run: mvn -B -q -DskipTests package", "shell: bash");
        assertThat(validate(broken)).isNotEmpty();
    }

    @Test
    void anUnknownTriggerIsRefused() throws Exception {
        String broken = Files.readString(WORKFLOW).replace("  workflow_dispatch:", "  nightly_dispatch:");
        assertThat(validate(broken)).isNotEmpty();
    }

    /** Every `$HEADROOM <command> ...` line of the workflow parses with the real command line. */
    @Test
    void everyHeadroomCommandTheWorkflowRunsParses() throws Exception {
        Matcher m = Pattern.compile("\\$HEADROOM ([^\\n;|&>]+)").matcher(Files.readString(WORKFLOW));
        List<String> commands = new ArrayList<>();
        while (m.find()) commands.add(m.group(1).strip());
        assertThat(commands).anyMatch(c -> c.startsWith("compare ")).anyMatch(c -> c.startsWith("trend "));
        for (String c : commands) {
            String[] args = c.split("\\s+");
            // parseArgs throws on an unknown command or option, or a missing parameter
            Main.commandLine().parseArgs(args);
        }
        assertThat(Files.readString(WORKFLOW)).contains("-Dheadroom.scenario=nightly");
        assertThat(Path.of("scenarios", "nightly.yaml")).isRegularFile();
        assertThat(Path.of("scenarios", "gates", "nightly.yaml")).isRegularFile();
    }
}
