package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.headroom.report.KubernetesManifests.Workload;
import dev.headroom.sizing.Plan;
import dev.headroom.sizing.PlanFixtures;
import dev.headroom.sizing.Platform;
import dev.headroom.sizing.Rollout;
import dev.headroom.sizing.SizingRequest.FailureDomain;
import dev.headroom.sizing.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Deployment, HPA and PodDisruptionBudget written for an EKS plan, read back with Jackson and,
 * where {@code kubectl} is on the PATH, decoded by kubectl into its typed API objects.
 */
class KubernetesManifestsTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** 0.5 CPU and 768 MiB per pod, 3..12 replicas, CPU target 0.7, pool 8. */
    private final Plan plan = PlanFixtures.eks().build();

    /**
     * 9 replicas carry the peak; surviving one zone of three needs ceil(9 x 3 / 2) = ceil(13.5) =
     * 14 running, the min the sizer gives with survive zone. At 3 pods per node that is 5 nodes.
     */
    private final Plan zoneSpare =
            PlanFixtures.eks().replicas(14, 9, 18).nodes(5, 5, 6).build();

    /** Surviving one node of 3 pods: 9 + 3 = 12 running at the min, on 4 nodes. */
    private final Plan nodeSpare =
            PlanFixtures.eks().replicas(12, 9, 15).nodes(4, 4, 5).build();

    @TempDir
    Path dir;

    @Test
    void theDeploymentCarriesTheSizedResourcesPoolAndSurge() throws IOException {
        JsonNode deployment = documents(write(plan)).get(0);

        assertThat(deployment.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(deployment.path("kind").asText()).isEqualTo("Deployment");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        // Limits equal requests: the CFS quota the capacity was measured under, and the memory KRR would set.
        for (String bound : List.of("requests", "limits")) {
            assertThat(container.at("/resources/" + bound + "/cpu").asText()).isEqualTo("500m");
            assertThat(container.at("/resources/" + bound + "/memory").asText()).isEqualTo("768Mi");
        }
        JsonNode env = container.path("env").get(0);
        assertThat(env.path("name").asText()).isEqualTo("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE");
        assertThat(env.path("value").isTextual())
                .as("an env value must be a string")
                .isTrue();
        assertThat(env.path("value").asText()).isEqualTo(Integer.toString(plan.poolSize()));

        // The surge the written percentage gives, by Kubernetes' rule (rounded up), is the one the
        // connection budget counted.
        String maxSurge = deployment.at("/spec/strategy/rollingUpdate/maxSurge").asText();
        int percent = Integer.parseInt(maxSurge.replace("%", ""));
        assertThat((int) Math.ceil(plan.maxReplicas() * percent / 100.0))
                .isEqualTo(Rollout.surgeReplicas(Platform.EKS, plan.maxReplicas()));
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt())
                .isZero();
    }

    @Test
    void theDeploymentIsCompleteEnoughToApply() throws IOException {
        JsonNode deployment = documents(write(plan)).get(0);

        assertThat(deployment.at("/spec/selector/matchLabels"))
                .isEqualTo(deployment.at("/spec/template/metadata/labels"))
                .isNotEmpty();
        assertThat(deployment.at("/spec/replicas").isMissingNode())
                .as("the HPA owns the replica count")
                .isTrue();
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(container.path("image").asText())
                .isEqualTo(Workload.referenceService().image());
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
        // The probe names the port; the named port is the management port of headroom-service.properties.
        assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("management");
        assertThat(container.path("ports").findValues("containerPort"))
                .extracting(JsonNode::asInt)
                .containsExactly(8080, 8081);
    }

    @Test
    void theHpaScalesBetweenThePlansBoundsAtItsCpuTarget() throws IOException {
        JsonNode hpa = documents(write(plan)).get(1);

        assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(hpa.path("kind").asText()).isEqualTo("HorizontalPodAutoscaler");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText())
                .isEqualTo(Workload.referenceService().name());
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(plan.minReplicas());
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(plan.maxReplicas());
        JsonNode metric = hpa.at("/spec/metrics/0");
        // The service's own container, not the pod: an injected sidecar's request must not move the
        // point where the HPA scales out (KEP-1610).
        assertThat(metric.path("type").asText()).isEqualTo("ContainerResource");
        assertThat(metric.at("/containerResource/name").asText()).isEqualTo("cpu");
        assertThat(metric.at("/containerResource/container").asText())
                .isEqualTo(documents(write(plan))
                        .get(0)
                        .at("/spec/template/spec/containers/0/name")
                        .asText())
                .isEqualTo(Workload.referenceService().name());
        assertThat(metric.at("/containerResource/target/type").asText()).isEqualTo("Utilization");
        assertThat(metric.at("/containerResource/target/averageUtilization").asInt())
                .isEqualTo((int) Math.round(plan.cpuTargetUtilization() * 100));
        // Kubernetes' defaults, which the sizing's scale-out lag assumes (capacity-facts.md).
        assertThat(hpa.at("/spec/behavior/scaleUp/stabilizationWindowSeconds").asInt())
                .isZero();
        assertThat(hpa.at("/spec/behavior/scaleDown/stabilizationWindowSeconds").asInt())
                .isEqualTo(300);
    }

    // ---------------------------------------------------------------------------------------
    // The deployed spare: topology spread and the disruption budget
    // ---------------------------------------------------------------------------------------

    @Test
    void surviveZoneSpreadsThePodsEvenlyOverZonesAndPrefersDistinctNodes() throws IOException {
        JsonNode deployment = documents(write(zoneSpare, FailureDomain.ZONE)).get(0);
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");

        JsonNode zone = spreadOver(deployment, "topology.kubernetes.io/zone");
        assertThat(zone.path("maxSkew").asInt()).isEqualTo(1);
        assertThat(zone.path("whenUnsatisfiable").asText()).isEqualTo("DoNotSchedule");
        assertThat(zone.at("/labelSelector/matchLabels")).isEqualTo(podLabels).isNotEmpty();
        assertThat(zone.path("nodeTaintsPolicy").asText()).isEqualTo("Honor");
        assertThat(zone.has("minDomains"))
                .as("no minDomains: it would block scale-out after a zone loss")
                .isFalse();
        JsonNode node = spreadOver(deployment, "kubernetes.io/hostname");
        assertThat(node.path("whenUnsatisfiable").asText()).isEqualTo("ScheduleAnyway");
        assertThat(node.at("/labelSelector/matchLabels")).isEqualTo(podLabels);
        assertThat(deployment.at("/spec/template/spec/topologySpreadConstraints"))
                .hasSize(2);
        // Each revision spreads on its own, so a rollout does not leave the new pods uneven.
        for (JsonNode constraint : deployment.at("/spec/template/spec/topologySpreadConstraints"))
            assertThat(constraint.path("matchLabelKeys"))
                    .extracting(JsonNode::asText)
                    .containsExactly("pod-template-hash");
    }

    @Test
    void surviveNodeOnlyPrefersDistinctNodes() throws IOException {
        JsonNode deployment = documents(write(nodeSpare, FailureDomain.NODE)).get(0);

        JsonNode constraints = deployment.at("/spec/template/spec/topologySpreadConstraints");
        assertThat(constraints).hasSize(1);
        assertThat(constraints.get(0).path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
        assertThat(constraints.get(0).path("whenUnsatisfiable").asText()).isEqualTo("ScheduleAnyway");
    }

    /** No spare to protect: the pod defines no constraint, so the scheduler's defaults apply. */
    @Test
    void surviveNoneLeavesPlacementToTheSchedulersDefaults() throws IOException {
        JsonNode deployment = documents(write(plan, FailureDomain.NONE)).get(0);

        assertThat(deployment.at("/spec/template/spec").has("topologySpreadConstraints"))
                .isFalse();
        assertThat(deployment.at("/spec/template/spec/containers")).hasSize(1);
    }

    @Test
    void withAZoneSpareDrainsMayTakeTheSpareButNotThePeaksReplicas() throws IOException {
        List<JsonNode> docs = documents(write(zoneSpare, FailureDomain.ZONE));
        JsonNode deployment = docs.get(0);
        int hpaMin = docs.get(1).at("/spec/minReplicas").asInt();
        JsonNode pdb = docs.get(2);

        assertThat(pdb.path("apiVersion").asText()).isEqualTo("policy/v1");
        assertThat(pdb.path("kind").asText()).isEqualTo("PodDisruptionBudget");
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
        assertThat(hpaMin).as("the HPA keeps the spare running").isEqualTo(14);
        int minAvailable = pdb.at("/spec/minAvailable").asInt();
        assertThat(minAvailable).as("replicas_for_peak").isEqualTo(9);
        assertThat(pdb.at("/spec").has("maxUnavailable")).isFalse();
        // By hand: at the HPA's minimum 14 pods run, so a drain may evict 14 - 9 = 5 of them, never
        // all: minAvailable below the min is what keeps drains possible.
        assertThat(minAvailable).isLessThan(hpaMin);
        // With maxSkew 1 over 3 zones, 14 pods sit 5/5/4; losing a zone of 5 leaves 9, the budget:
        // the spread and the budget protect the same count.
        assertThat(hpaMin - (hpaMin + 2) / 3).isGreaterThanOrEqualTo(minAvailable);
    }

    @Test
    void withANodeSpareADrainCanEmptyAWholeNode() throws IOException {
        List<JsonNode> docs = documents(write(nodeSpare, FailureDomain.NODE));
        int hpaMin = docs.get(1).at("/spec/minReplicas").asInt();
        int minAvailable = docs.get(2).at("/spec/minAvailable").asInt();

        assertThat(hpaMin).isEqualTo(12);
        assertThat(minAvailable).isEqualTo(9);
        // By hand: 12 - 9 = 3 evictions allowed at the min, the 3 pods a node holds.
        assertThat(hpaMin - minAvailable).isEqualTo(nodeSpare.replicasPerNode());
    }

    /** Without a spare any drain takes capacity; one pod at a time still lets it finish. */
    @Test
    void surviveNoneTakesOnePodAtATime() throws IOException {
        JsonNode pdb = documents(write(plan, FailureDomain.NONE)).get(2);

        assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(pdb.at("/spec").has("minAvailable")).isFalse();
        assertThat(pdb.at("/spec/unhealthyPodEvictionPolicy").asText()).isEqualTo("AlwaysAllow");
    }

    /**
     * The fixture's min (3) is below its peak's replicas (9), as plans were before the minimums
     * kept the spare, or with one zone: minAvailable 9 with 3 pods running would allow no eviction,
     * and no drain would ever finish.
     */
    @Test
    void aMinWithoutTheSpareNeverGetsABudgetThatBlocksEveryDrain() throws IOException {
        List<JsonNode> docs = documents(write(plan, FailureDomain.ZONE));
        JsonNode pdb = docs.get(2);

        assertThat(docs.get(1).at("/spec/minReplicas").asInt()).isEqualTo(3);
        assertThat(pdb.at("/spec").has("minAvailable")).isFalse();
        assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        // The spread still applies: it costs nothing and places the pods for when the spare lands.
        assertThat(spreadOver(docs.get(0), "topology.kubernetes.io/zone").isMissingNode())
                .isFalse();
    }

    /**
     * A JVM measured with a 512 MiB heap runs with that heap in the pod: JDK_JAVA_OPTIONS -Xmx512m
     * beside the pool, from the same variable as the tfvars file; kubectl decodes it as an env var.
     */
    @Test
    void aJvmServiceRunsWithTheHeapItWasMeasuredWith() throws Exception {
        Map<String, Object> vars = TerraformVariables.of(
                plan, PlanFixtures.request(Platform.EKS, FailureDomain.ZONE), TerraformModuleTest.JVM);
        assertThat(vars).containsEntry(TerraformVariables.JVM_MAX_HEAP_MIB, 512);
        Path file = KubernetesManifests.write(dir, vars, Workload.referenceService())
                .orElseThrow();
        JsonNode env = documents(file).get(0).at("/spec/template/spec/containers/0/env");
        assertThat(env).hasSize(2);
        assertThat(env.get(1).path("name").asText()).isEqualTo("JDK_JAVA_OPTIONS");
        assertThat(env.get(1).path("value").asText()).isEqualTo("-Xmx512m");
        Path kubectl = CommandLine.onPath("kubectl").orElse(null);
        if (kubectl != null) {
            assertThat(kubectl(kubectl, "set", "env", "--local", "--list", "-f", file.toString())
                            .succeeded()
                            .output())
                    .contains("JDK_JAVA_OPTIONS=-Xmx512m");
        }
        // a replica whose memory (768 MiB) is below that heap's 512 + 300 = 812 MiB gets no pin: pinned,
        // the heap would fill the container until it is killed
        TestBed tooBig = new TestBed(1.0, 10, 5, "test", "MariaDB", 200, Optional.empty(), 512, 300);
        assertThat(TerraformVariables.of(plan, PlanFixtures.request(Platform.EKS, FailureDomain.ZONE), tooBig))
                .doesNotContainKey(TerraformVariables.JVM_MAX_HEAP_MIB);
        // without a heap (not a JVM, or not known) the pod keeps the image's own
        assertThat(documents(write(plan)).get(0).at("/spec/template/spec/containers/0/env"))
                .hasSize(1);
    }

    @Test
    void whatThePlanLacksIsNotSet() throws IOException {
        Plan lacking = PlanFixtures.eks().memoryMib(Double.NaN).poolSize(0).build();

        JsonNode container = documents(write(lacking)).get(0).at("/spec/template/spec/containers/0");

        assertThat(container.at("/resources/requests").has("memory")).isFalse();
        assertThat(container.at("/resources/limits").has("memory")).isFalse();
        assertThat(container.has("env")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = Platform.class,
            names = {"EC2_ASG", "ECS_FARGATE"})
    void otherPlatformsHaveNoKubernetesObjects(Platform platform) throws IOException {
        Map<String, Object> vars =
                TerraformVariables.of(PlanFixtures.of(platform).build(), PlanFixtures.request(platform));

        assertThat(KubernetesManifests.write(dir, vars, Workload.referenceService()))
                .isEmpty();
        assertThat(dir.resolve(KubernetesManifests.FILE)).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Orders", "orders_service", "-orders", "orders-"})
    void aWorkloadNameMustBeADnsLabel(String name) {
        assertThatThrownBy(() -> new Workload(name, "example/orders:1")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * {@code kubectl apply --dry-run=client} and {@code kubectl create --dry-run=client} both need
     * an API server, even with {@code --validate=false}: they resolve each kind through the
     * server's discovery API (kubectl 1.32 reports "unable to recognize ...: connection refused").
     * {@code kubectl set env --local --list} does not: it decodes every document into its typed API
     * object from kubectl's built-in scheme (an unknown apiVersion or kind, a malformed quantity, a
     * string where a number belongs all fail) and then lists the containers' environment.
     */
    @Test
    void kubectlDecodesEveryObjectWithoutACluster() throws Exception {
        Path kubectl = CommandLine.onPath("kubectl").orElse(null);
        assumeTrue(kubectl != null, "kubectl is not on the PATH");
        Path file = write(zoneSpare, FailureDomain.ZONE);

        CommandLine.Result listed = kubectl(kubectl, "set", "env", "--local", "--list", "-f", file.toString())
                .succeeded();

        assertThat(listed.output())
                .contains("# Deployment " + Workload.referenceService().name())
                .contains("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE=" + plan.poolSize());

        // The check has teeth: the same file with the HPA's target as a word does not decode.
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(
                broken, Files.readString(file).replace("averageUtilization: 70", "averageUtilization: seventy"));
        assertThat(kubectl(kubectl, "set", "env", "--local", "--list", "-f", broken.toString())
                        .failed()
                        .output())
                .contains("averageUtilization");
        // And the spread and the budget are decoded too, not skipped.
        Files.writeString(broken, Files.readString(file).replace("maxSkew: 1", "maxSkew: one"));
        assertThat(kubectl(kubectl, "set", "env", "--local", "--list", "-f", broken.toString())
                        .failed()
                        .output())
                .contains("topologySpreadConstraints.maxSkew");
        Files.writeString(broken, Files.readString(file).replace("minAvailable: 9", "minAvailable: {pods: 9}"));
        assertThat(kubectl(kubectl, "set", "env", "--local", "--list", "-f", broken.toString())
                        .failed()
                        .output())
                .contains("PodDisruptionBudgetSpec");
    }

    private CommandLine.Result kubectl(Path kubectl, String... args) throws Exception {
        // An empty kubeconfig of its own, so no developer's cluster is ever contacted.
        Path kubeconfig = dir.resolve("kubeconfig");
        if (!Files.exists(kubeconfig)) Files.writeString(kubeconfig, "");
        Map<String, String> env = CommandLine.inheritedEnvironment("KUBECONFIG");
        env.put("KUBECONFIG", kubeconfig.toString());
        String[] command = new String[args.length + 1];
        command[0] = kubectl.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return CommandLine.run(dir, env, command);
    }

    private Path write(Plan plan) throws IOException {
        return write(plan, FailureDomain.ZONE);
    }

    private Path write(Plan plan, FailureDomain survive) throws IOException {
        Map<String, Object> vars = TerraformVariables.of(plan, PlanFixtures.request(Platform.EKS, survive));
        Optional<Path> file = KubernetesManifests.write(dir, vars, Workload.referenceService());
        assertThat(file).contains(dir.resolve("kubernetes/capacity.yaml"));
        return file.orElseThrow();
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            List<JsonNode> all = documents.readAll();
            assertThat(all).hasSize(3);
            return all;
        }
    }

    /** The Deployment's spread constraint over {@code topologyKey}; a missing node when there is none. */
    private static JsonNode spreadOver(JsonNode deployment, String topologyKey) {
        for (JsonNode constraint : deployment.at("/spec/template/spec/topologySpreadConstraints"))
            if (constraint.path("topologyKey").asText().equals(topologyKey)) return constraint;
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
