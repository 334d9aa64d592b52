package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.results.Json;
import dev.headroom.sizing.Arch;
import dev.headroom.sizing.ConnectionPool;
import dev.headroom.sizing.Plan;
import dev.headroom.sizing.PlanFixtures;
import dev.headroom.sizing.Platform;
import dev.headroom.sizing.Rollout;
import dev.headroom.sizing.SizingRequest.FailureDomain;
import dev.headroom.sizing.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * terraform/headroom-capacity declares what {@link TerraformVariables} writes, and accepts it:
 * the declarations are read from variables.tf everywhere; where {@code terraform} is on the PATH
 * the module is also initialised, validated, planned and applied (it has no resources, so apply
 * only records its outputs) on each platform's file, offline.
 */
class TerraformModuleTest {
    private static final Path TERRAFORM = Path.of("terraform");
    private static final Path MODULE = TERRAFORM.resolve("headroom-capacity");

    @TempDir
    Path dir;

    // ---------------------------------------------------------------------------------------
    // The declarations, without terraform
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Platform.class)
    void everyVariableTheSizerWritesIsDeclaredWithATypeAndADescription(Platform platform) throws IOException {
        Map<String, Declared> declared = declaredVariables();

        for (String name : variables(platform, complete(platform)).keySet()) {
            assertThat(declared).as("variables.tf declares %s", name).containsKey(name);
            assertThat(declared.get(name).hasType()).as("%s has a type", name).isTrue();
            assertThat(declared.get(name).hasDescription())
                    .as("%s has a description", name)
                    .isTrue();
        }
    }

    @Test
    void everyDeclaredVariableIsWrittenForSomePlatformOrHasADefault() throws IOException {
        Set<String> written = new TreeSet<>();
        for (Platform p : Platform.values())
            written.addAll(variables(p, complete(p)).keySet());

        declaredVariables().values().stream().filter(d -> !d.hasDefault()).forEach(d -> assertThat(written)
                .as("someone writes %s", d.name())
                .contains(d.name()));
        assertThat(declaredVariables().keySet()).containsAll(written);
    }

    /**
     * Added after the first files were written, so they have defaults: a file from before still
     * plans, as what it deployed, no spare kept running.
     */
    @Test
    void theSpareVariablesAreDeclaredWithDefaultsForOlderFiles() throws IOException {
        Map<String, Declared> declared = declaredVariables();

        for (String name : List.of(TerraformVariables.SURVIVE, TerraformVariables.REPLICAS_FOR_PEAK)) {
            assertThat(declared).containsKey(name);
            assertThat(declared.get(name).hasDefault())
                    .as("%s has a default", name)
                    .isTrue();
        }
    }

    /** Otherwise Terraform would stop and ask for it: a required variable must always be there. */
    @ParameterizedTest
    @EnumSource(Platform.class)
    void aVariableWithoutADefaultIsWrittenEvenFromAPlanThatLacksFigures(Platform platform) throws IOException {
        Set<String> written = variables(platform, lacking(platform)).keySet();

        declaredVariables().values().stream()
                .filter(d -> !d.hasDefault())
                .forEach(d -> assertThat(written).as("%s is required", d.name()).contains(d.name()));
    }

    // ---------------------------------------------------------------------------------------
    // The module, with terraform
    // ---------------------------------------------------------------------------------------

    /**
     * The file is not named on the command line: Terraform loads {@code *.auto.tfvars.json} from
     * the root module's directory by itself, and that is how the README says to use it.
     */
    @ParameterizedTest
    @EnumSource(Platform.class)
    void theModuleAcceptsEachPlatformsFileAndCountsTheConnectionsAsTheSizerDoes(Platform platform) throws Exception {
        Map<String, Object> vars = variables(platform, complete(platform));
        Terraform tf = terraformIn(vars);

        tf.run("init", "-backend=false").succeeded();
        tf.run("validate").succeeded();
        tf.run("plan", "-input=false").succeeded();
        tf.run("apply", "-input=false", "-auto-approve").succeeded();
        JsonNode outputs = tf.outputs();

        int max = (Integer) vars.get("replicas_max");
        int expected = ConnectionPool.connectionsNeeded(
                max, Rollout.surgeReplicas(platform, max), (Integer) vars.get("pool_size"), (Integer)
                        vars.get("db_reserved_connections"));
        assertThat(outputs.at("/connection_budget/value").asInt()).isEqualTo(expected);
        assertThat(outputs.at("/replicas/value/surge").asInt()).isEqualTo(Rollout.surgeReplicas(platform, max));
        assertThat(outputs.at("/service_environment/value/SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE")
                        .asText())
                .isEqualTo(vars.get("pool_size").toString());
        // the heap the service was measured with, as the manifest's container gets it
        assertThat(vars).containsEntry("jvm_max_heap_mib", 512);
        assertThat(outputs.at("/service_environment/value/JDK_JAVA_OPTIONS").asText())
                .isEqualTo("-Xmx512m");
    }

    /**
     * The module's disruption budget is the one kubernetes/capacity.yaml carries, for each failure
     * to survive (-1: not set). With survive zone or node, a min of 14 above the 9 replicas for the
     * peak is a spare, and the budget keeps the 9; without survive, or with the fixture's min of 3
     * below the 9, there is no spare to give and a drain takes one pod at a time.
     */
    @ParameterizedTest
    @CsvSource({"ZONE, 14, 9, -1", "NODE, 14, 9, -1", "NONE, 14, -1, 1", "ZONE, 3, -1, 1"})
    void theModulesDisruptionBudgetIsTheManifestsOne(
            FailureDomain survive, int min, int expectedMinAvailable, int expectedMaxUnavailable) throws Exception {
        Plan plan = PlanFixtures.eks().replicas(min, 9, 18).nodes(2, 5, 6).build();
        Map<String, Object> vars = TerraformVariables.of(plan, PlanFixtures.request(Platform.EKS, survive));
        Terraform tf = terraformIn(vars);
        tf.run("init", "-backend=false").succeeded();
        tf.run("apply", "-input=false", "-auto-approve").succeeded();

        JsonNode module = tf.outputs().at("/kubernetes_pod_disruption_budget/value");
        Map<String, Object> manifest = KubernetesManifests.documents(
                        vars, KubernetesManifests.Workload.referenceService())
                .get(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) manifest.get("spec");

        assertThat(intOrAbsent(module.path("min_available"))).isEqualTo(expectedMinAvailable);
        assertThat(intOrAbsent(module.path("max_unavailable"))).isEqualTo(expectedMaxUnavailable);
        assertThat(spec.getOrDefault("minAvailable", -1)).isEqualTo(expectedMinAvailable);
        assertThat(spec.getOrDefault("maxUnavailable", -1)).isEqualTo(expectedMaxUnavailable);
    }

    @Test
    void aBudgetAboveMaxConnectionsFailsThePlanAndOneThatFitsExactlyPasses() throws Exception {
        Map<String, Object> vars = variables(Platform.EKS, complete(Platform.EKS));
        Terraform tf = terraformIn(vars);
        tf.run("init", "-backend=false").succeeded();
        int budget = tf.budget();

        Json.writeAtomically(dir.resolve("tight.tfvars.json"), Map.of("db_max_connections", budget));
        tf.run("plan", "-input=false", "-var-file=tight.tfvars.json").succeeded();

        Json.writeAtomically(dir.resolve("short.tfvars.json"), Map.of("db_max_connections", budget - 1));
        CommandLine.Result tooMany =
                tf.run("plan", "-input=false", "-var-file=short.tfvars.json").failed();
        assertThat(oneLine(tooMany)).contains("= " + budget + " exceeds db_max_connections " + (budget - 1));
    }

    @Test
    void whatTheSizerLeftOutTakesTheModulesDefault() throws Exception {
        Map<String, Object> vars = variables(Platform.EKS, lacking(Platform.EKS));
        Terraform tf = terraformIn(vars);
        tf.run("init", "-backend=false").succeeded();

        CommandLine.Result apply =
                tf.run("apply", "-input=false", "-auto-approve").succeeded();
        JsonNode outputs = tf.outputs();

        // HikariCP's default pool; no memory request; an unknown max_connections only warns.
        assertThat(outputs.at("/service_environment/value/SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE")
                        .asText())
                .isEqualTo("10");
        assertThat(outputs.at("/kubernetes_container_resources/value/requests").has("memory"))
                .isFalse();
        // not known to be a JVM: its heap is left as configured
        assertThat(outputs.at("/service_environment/value").has("JDK_JAVA_OPTIONS"))
                .isFalse();
        assertThat(oneLine(apply)).contains("was not checked against the database");
    }

    @Test
    void aFileMissingItsPlatformsVariablesFailsThePlan() throws Exception {
        Map<String, Object> vars = new LinkedHashMap<>(variables(Platform.ECS_FARGATE, complete(Platform.ECS_FARGATE)));
        vars.remove("service_max_count");
        Terraform tf = terraformIn(vars);
        tf.run("init", "-backend=false").succeeded();

        assertThat(oneLine(tf.run("plan", "-input=false").failed()))
                .contains("needs these variables, which are not set: service_max_count");
    }

    /** Also what the declarations parser above relies on. */
    @Test
    void theTerraformFilesAreFormatted() throws Exception {
        Terraform tf = terraformIn(Map.of("platform", "eks"));

        tf.run(
                        "fmt",
                        "-check",
                        "-recursive",
                        "-diff",
                        TERRAFORM.toAbsolutePath().toString())
                .succeeded();
    }

    // ---------------------------------------------------------------------------------------

    /** -1 for a null or missing output attribute. */
    private static int intOrAbsent(JsonNode value) {
        return value.isNumber() ? value.asInt() : -1;
    }

    /** Terraform wraps its messages to the width of a terminal. */
    private static String oneLine(CommandLine.Result result) {
        return result.output().replaceAll("\\s+", " ");
    }

    private static Plan complete(Platform platform) {
        return PlanFixtures.of(platform).build();
    }

    private static Plan lacking(Platform platform) {
        return PlanFixtures.of(platform)
                .memoryMib(Double.NaN)
                .poolSize(0)
                .db("", 0)
                .build();
    }

    /** A JVM service measured with a 512 MiB heap and 95 MiB of non-heap. */
    static final TestBed JVM = new TestBed(1.0, 10, 5, "test", "MariaDB", 200, Optional.of(Arch.X86_64), 512, 95);

    /** A complete plan's variables are a JVM's (with its heap); a lacking one's are not known to be. */
    private static Map<String, Object> variables(Platform platform, Plan plan) {
        boolean complete = plan.replicaMemoryMib() > 0;
        return TerraformVariables.of(plan, PlanFixtures.request(platform), complete ? JVM : TestBed.unknown());
    }

    /** A variable block of variables.tf, and which of its own attributes it sets. */
    record Declared(String name, boolean hasType, boolean hasDescription, boolean hasDefault) {}

    private static final Pattern BLOCK_START = Pattern.compile("^variable \"([a-z0-9_]+)\" \\{$");
    private static final Pattern OWN_ATTRIBUTE = Pattern.compile("^ {2}([a-z_]+)\\s*=");

    /**
     * Not an HCL parser: it relies on the layout {@code terraform fmt} gives, which
     * {@link #theTerraformFilesAreFormatted} enforces. A block opens with <code>variable "name" {</code>
     * at the start of a line and closes with a lone <code>}</code>; the block's own attributes are
     * indented two spaces, those of its nested validation blocks four, so a {@code condition} is
     * never mistaken for a {@code default}. A {@code default = null} counts as a default, as it does
     * for Terraform: the variable is optional.
     */
    static Map<String, Declared> declaredVariables() throws IOException {
        Map<String, Declared> declared = new LinkedHashMap<>();
        String name = null;
        Set<String> attributes = new TreeSet<>();
        for (String line : Files.readAllLines(MODULE.resolve("variables.tf"))) {
            Matcher start = BLOCK_START.matcher(line);
            if (start.matches()) {
                name = start.group(1);
                attributes.clear();
            } else if (name != null && line.equals("}")) {
                declared.put(
                        name,
                        new Declared(
                                name,
                                attributes.contains("type"),
                                attributes.contains("description"),
                                attributes.contains("default")));
                name = null;
            } else if (name != null) {
                Matcher attribute = OWN_ATTRIBUTE.matcher(line);
                if (attribute.find()) attributes.add(attribute.group(1));
            }
        }
        assertThat(declared).as("variable blocks in variables.tf").isNotEmpty();
        return declared;
    }

    /** The module's files and a tfvars file in a directory of their own, and terraform isolated from the network. */
    private Terraform terraformIn(Map<String, Object> vars) throws IOException {
        Path terraform = CommandLine.onPath("terraform").orElse(null);
        assumeTrue(terraform != null, "terraform is not on the PATH");
        try (Stream<Path> files = Files.list(MODULE)) {
            for (Path tf : files.filter(f -> f.toString().endsWith(".tf")).toList())
                Files.copy(tf, dir.resolve(tf.getFileName()));
        }
        TfvarsWriter.write(dir, vars);
        // An empty CLI configuration: no provider mirrors, credentials or plugin cache of the
        // user's; no version check either. The module has no provider, so nothing is downloaded.
        // TF_VAR_ settings and the like in the developer's shell would change what the module sees.
        Path cliConfig = Files.writeString(dir.resolve("cli.tfrc"), "");
        Map<String, String> env = CommandLine.inheritedEnvironment("TF_", "CHECKPOINT_");
        env.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("TF_INPUT", "0");
        env.put("CHECKPOINT_DISABLE", "1");
        return new Terraform(terraform, dir, env);
    }

    private record Terraform(Path binary, Path dir, Map<String, String> env) {
        CommandLine.Result run(String... args) throws IOException, InterruptedException {
            String[] command = Stream.concat(Stream.of(binary.toString()), Arrays.stream(args))
                    .toArray(String[]::new);
            // -no-color goes after the subcommand, where every subcommand accepts it.
            List<String> withNoColor = new ArrayList<>(List.of(command));
            withNoColor.add(2, "-no-color");
            return CommandLine.run(dir, env, withNoColor.toArray(String[]::new));
        }

        JsonNode outputs() throws IOException, InterruptedException {
            CommandLine.Result output = run("output", "-json").succeeded();
            return Json.MAPPER.readTree(output.output());
        }

        int budget() throws IOException, InterruptedException {
            run("apply", "-input=false", "-auto-approve").succeeded();
            return outputs().at("/connection_budget/value").asInt();
        }
    }
}
