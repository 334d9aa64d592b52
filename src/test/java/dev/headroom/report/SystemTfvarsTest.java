package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.results.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * system.auto.tfvars.json has the shape terraform/headroom-capacity/examples/system declares: a
 * map per service keyed by name, for {@code for_each = var.services}, each entry within the
 * declared object type, with its node group and database by name. Where {@code terraform} is on
 * the PATH, the example root is initialised and planned on the file, offline.
 */
class SystemTfvarsTest {
    private static final Path EXAMPLE = Path.of("terraform/headroom-capacity/examples/system/main.tf");

    @TempDir
    Path dir;

    private JsonNode tfvars(String example) throws IOException {
        Path out = dir.resolve("out-" + example);
        SystemJob.run(Path.of("scenarios/systems/" + example + ".yaml"), Optional.of(out));
        return Json.MAPPER.readTree(out.resolve(SystemOutputs.TFVARS).toFile());
    }

    /** The attribute names of {@code variable "<name>"}'s object type in the example's main.tf. */
    private static Set<String> declared(String variable) throws IOException {
        String tf = Files.readString(EXAMPLE);
        int from = tf.indexOf("variable \"" + variable + "\"");
        assertThat(from).as("main.tf declares %s", variable).isNotNegative();
        String block = tf.substring(tf.indexOf("object({", from), tf.indexOf("})", from));
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*(\\w+)\\s*=").matcher(block);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"eks-team", "fargate-eight-services"})
    void everyServiceEntryIsKeyedByNameAndWithinTheDeclaredType(String example) throws IOException {
        JsonNode vars = tfvars(example);
        Set<String> serviceType = declared("services");
        Set<String> databaseType = declared("databases");
        JsonNode services = vars.path("services");
        assertThat(services.isObject()).isTrue();
        assertThat(services.size()).isPositive();
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (Iterator<String> k = e.getValue().fieldNames(); k.hasNext(); )
                assertThat(serviceType).as("services.%s", e.getKey()).contains(k.next());
            // the shared parts are looked up by name, so a name must exist where it points
            if (e.getValue().has("database"))
                assertThat(vars.path("databases")
                                .has(e.getValue().path("database").asText()))
                        .isTrue();
            if (e.getValue().has("node_group"))
                assertThat(vars.path("node_groups")
                                .has(e.getValue().path("node_group").asText()))
                        .isTrue();
        }
        for (JsonNode db : vars.path("databases"))
            for (Iterator<String> k = db.fieldNames(); k.hasNext(); )
                assertThat(databaseType).contains(k.next());
    }

    @Test
    void theEksTeamsFileNamesEachServicesNodeGroupAndDatabase() throws IOException {
        JsonNode api = tfvars("eks-team").path("services").path("api");
        assertThat(api.path("node_group").asText()).isEqualTo("general");
        assertThat(api.path("database").asText()).isEqualTo("main");
        // the main database's shared budget, as the sizer counted it: (6+2) x 10 + (5+2) x 10 + (4+1) x 10 + 3
        JsonNode main = tfvars("eks-team").path("databases").path("main");
        assertThat(main.path("connections_needed").asInt()).isEqualTo(203);
        assertThat(main.path("db_reserved_connections").asInt()).isEqualTo(3);
    }

    @Test
    void theExampleRootPlansOnTheFileWithForEachOverTheServices() throws IOException, InterruptedException {
        Path terraform = CommandLine.onPath("terraform").orElse(null);
        assumeTrue(terraform != null, "terraform is not on the PATH");
        // The module and the example, at the same relative places (the example's source is "../..").
        Path module = dir.resolve("headroom-capacity");
        Path root = Files.createDirectories(module.resolve("examples/system"));
        try (Stream<Path> files = Files.list(Path.of("terraform/headroom-capacity"))) {
            for (Path tf : files.filter(f -> f.toString().endsWith(".tf")).toList())
                Files.copy(tf, module.resolve(tf.getFileName()));
        }
        Files.copy(EXAMPLE, root.resolve("main.tf"));
        Files.writeString(root.resolve(SystemOutputs.TFVARS), tfvars("eks-team").toString());
        Path cliConfig = Files.writeString(dir.resolve("cli.tfrc"), "");
        Map<String, String> env = CommandLine.inheritedEnvironment("TF_", "CHECKPOINT_");
        env.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("TF_INPUT", "0");
        env.put("CHECKPOINT_DISABLE", "1");
        CommandLine.run(root, env, terraform.toString(), "init", "-no-color", "-backend=false")
                .succeeded();
        CommandLine.Result plan = CommandLine.run(root, env, terraform.toString(), "plan", "-no-color", "-input=false")
                .succeeded();
        // one module instance per service, each with its own HPA bounds
        assertThat(plan.output()).contains("api").contains("batch").contains("max_replicas");
        // the shared budget of main, 203 against 150, is warned about by the root's check
        // (terraform wraps its messages: compare with the line breaks as spaces)
        assertThat(plan.output().replaceAll("\\s+", " ")).contains("main needs 203 of 150");
    }
}
