package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.results.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The system sizer's shared rules, each on a small system file over the illustrative read-heavy
 * table (src/test/resources/systems/README.md: 0.8 ms of CPU and 0.3 ms of database CPU a request,
 * the SLO held up to 0.40 of a 0.5-CPU budget, 400 MiB at most), worked by hand.
 *
 * <p>Common figures: replica memory 400 x 1.15 = 460, rounded up to 64 MiB: 512 MiB. CPU ceiling
 * 0.40 / 0.5 = 0.8. On Fargate the lag is 180 s alarm + 120 s task start + 20 s start-up = 320 s,
 * growth 10 % a minute: target floor(0.8 / (1 + 0.1 x 320 / 60) x 100) % = floor(52.17) = 52 %.
 */
class SystemRulesTest {
    private static final Path READ_HEAVY =
            Path.of("src/test/resources/systems/read-heavy").toAbsolutePath();

    @TempDir
    Path dir;

    private final StringWriter stderr = new StringWriter();

    private JsonNode size(String yaml) throws IOException {
        Path file = dir.resolve("system.yaml");
        Files.writeString(file, yaml.replace("RUN", READ_HEAVY.toString()));
        Path out = dir.resolve("out");
        int code = new CommandLine(new SystemCommand())
                .setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(stderr))
                .execute(file.toString(), "--out", out.toString());
        assertThat(code).as(stderr.toString()).isZero();
        return Json.MAPPER.readTree(out.resolve("system-sizing.json").toFile());
    }

    private static JsonNode service(JsonNode sizing, String name) {
        for (JsonNode s : sizing.path("services")) if (s.path("name").asText().equals(name)) return s;
        throw new AssertionError("no service " + name);
    }

    @Test
    void aFargateTaskRoundedUpCarriesLoadOnItsSizeLessTheSidecarsAndItsTargetIsTheTasks() throws IOException {
        JsonNode s = size(
                """
                platform: ecs-fargate
                availability_zones: 2
                survive: none
                services:
                  - name: plain
                    run: RUN
                    peak_rps: 600
                    cpu_cores: 0.3
                  - name: meshed
                    run: RUN
                    peak_rps: 600
                    cpu_cores: 0.3
                    sidecars:
                      - { name: proxy, cpu_millicores: 100, memory_mib: 64 }
                """);
        JsonNode plain = service(s, "plain");
        // 0.3 vCPU and 512 MiB: the smallest valid task is 0.5 vCPU / 1 GB (0.25 vCPU is too small).
        assertThat(plain.path("task_cpu_units").asInt()).isEqualTo(512);
        assertThat(plain.path("task_memory_mib").asInt()).isEqualTo(1024);
        // Counted on the rounded 0.5 vCPU: 0.52 x 0.5 / 0.0008 = 325 req/s a task; ceil(600 / 325) = 2.
        assertThat(plain.path("replicas_for_peak").asInt()).isEqualTo(2);
        // No sidecar: the task's target is the service's, 52 %.
        assertThat(plain.path("cpu_target_utilization").asDouble()).isEqualTo(0.52);

        JsonNode meshed = service(s, "meshed");
        // 0.3 + 0.1 = 0.4 vCPU and 512 + 64 = 576 MiB: still 0.5 vCPU / 1 GB, not 1 vCPU.
        assertThat(meshed.path("task_cpu_units").asInt()).isEqualTo(512);
        assertThat(meshed.path("task_memory_mib").asInt()).isEqualTo(1024);
        // The service's share is 0.5 - 0.1 = 0.4 vCPU: 0.52 x 0.4 / 0.0008 = 260 req/s; ceil(600 / 260) = 3.
        assertThat(meshed.path("pod_cpu_millicores").asInt()).isEqualTo(400);
        assertThat(meshed.path("replicas_for_peak").asInt()).isEqualTo(3);
        // ECS reads the task's CPU: 52 % of 0.4 vCPU is 0.208 of 0.5, floor(41.6) = 41 %.
        assertThat(meshed.path("cpu_target_utilization").asDouble()).isEqualTo(0.41);
        assertThat(meshed.path("terraform_variables")
                        .path("cpu_target_utilization_percent")
                        .asInt())
                .isEqualTo(41);
        assertThat(meshed.path("terraform_variables").path("task_cpu_units").asInt())
                .isEqualTo(512);
    }

    @Test
    void theNodeSpareIsWhatOneNodeHoldsOfPodsWithTheirSidecarsBesideTheDaemonSets() throws IOException {
        JsonNode s = size(
                """
                platform: eks
                availability_zones: 2
                survive: node
                node_groups:
                  - name: general
                    instance_types: [t3.medium]
                    daemonsets:
                      - { name: node-exporter, cpu_millicores: 100, memory_mib: 30 }
                services:
                  - name: api
                    run: RUN
                    peak_rps: 600
                    sidecars:
                      - { name: linkerd-proxy, cpu_millicores: 100, memory_mib: 20 }
                """);
        JsonNode api = service(s, "api");
        // A t3.medium leaves 1930m and 3285 MiB to pods (shared/reference/ec2-instance-facts.csv, the
        // kubelet's reservation); aws-node 50m, kube-proxy 100m and the exporter 100m / 30 MiB leave
        // 1680m and 3255 MiB. A pod is 500m + 100m = 600m and 512 + 20 = 532 MiB: floor(1680 / 600) = 2 a
        // node (memory would allow floor(3255 / 532) = 6). The bare container beside EKS's own daemons
        // alone would give floor(1780 / 500) = 3.
        // The SLO held at 0.8 of 0.5 CPU: 0.8 x 0.5 / 0.0008 = 500 req/s a pod, ceil(600 / 500) = 2 at
        // the ceiling. A node's loss takes 2 pods: min = 2 + 2 = 4 (not 2 + 3 = 5).
        assertThat(api.path("min_replicas").asInt()).isEqualTo(4);
        assertThat(api.path("replicas_at_peak").asInt()).isEqualTo(4);
        JsonNode group = s.path("node_groups").get(0);
        // 4 pods at 2 a node: 2 nodes, neither holding more than the 2 the spare covers.
        assertThat(group.path("nodes_at_peak").asInt()).isEqualTo(2);
        assertThat(group.path("layout_at_peak")).hasSize(2);
        for (JsonNode node : group.path("layout_at_peak"))
            assertThat(node.path("api").asInt()).isLessThanOrEqualTo(2);
    }

    @Test
    void aNodeGroupOverThreeZonesHasANodeInEachWhateverThePackingNeeds() throws IOException {
        JsonNode s = size(
                """
                platform: eks
                availability_zones: 3
                survive: none
                node_groups:
                  - name: general
                    instance_types: [m6i.2xlarge]
                services:
                  - name: api
                    run: RUN
                    peak_rps: 600
                """);
        JsonNode api = service(s, "api");
        // One per zone: min replicas 3; at 500 req/s a pod at the ceiling the peak needs no more than
        // 3 (600 / 500 -> 2 at the ceiling; at the target, below it, at most 3 of these sizes).
        assertThat(api.path("min_replicas").asInt()).isEqualTo(3);
        int atPeak = api.path("replicas_at_peak").asInt();
        assertThat(atPeak).isEqualTo(3);
        JsonNode group = s.path("node_groups").get(0);
        // An m6i.2xlarge leaves over 7 cores to pods: three pods of 500m pack onto one node, but a
        // node group over three zones has a node in each only with three nodes.
        assertThat(group.path("nodes_min").asInt()).isEqualTo(3);
        assertThat(group.path("nodes_at_peak").asInt()).isEqualTo(3);
        assertThat(group.path("nodes_max").asInt()).isGreaterThanOrEqualTo(3);
        // The layout shows the three nodes, one pod on each.
        assertThat(group.path("layout_at_peak")).hasSize(3);
        for (JsonNode node : group.path("layout_at_peak"))
            assertThat(node.path("api").asInt()).isEqualTo(1);
    }

    @Test
    void theConnectionBudgetAndTheNodeGroupsMaxCountTheSameReleaseSurge() throws IOException {
        // One system, blue/green: during a release every service runs a second full set beside its max.
        JsonNode s = size(
                """
                platform: eks
                availability_zones: 1
                survive: none
                deployment:
                  strategy: blue-green
                node_groups:
                  - name: general
                    instance_types: [t3.medium]
                databases:
                  - name: main
                    max_connections: 1000
                    reserved_connections: 0
                services:
                  - name: a
                    run: RUN
                    peak_rps: 600
                    max_replicas: 4
                    pool_size: 10
                    database: main
                  - name: b
                    run: RUN
                    peak_rps: 600
                    max_replicas: 4
                    pool_size: 10
                    database: main
                """);
        // Each: 2 replicas carry 600 req/s (350 a pod at 56 %); the team's max 4 carries it, so max = 4;
        // blue/green surges a whole second set: 4.
        assertThat(service(s, "a").path("max_replicas").asInt()).isEqualTo(4);
        // Connections: (4 + 4) x 10 + (4 + 4) x 10 + 0 = 160.
        assertThat(s.path("databases").get(0).path("connections_needed").asInt())
                .isEqualTo(160);
        // Nodes at the max, by the same rule: (4 + 4) + (4 + 4) = 16 pods of 500m / 512 MiB; a t3.medium
        // holds floor((1930 - 150) / 500) = 3 beside aws-node and kube-proxy: ceil(16 / 3) = 6 nodes.
        // (One service's surge at a time would be 4 + 4 + 4 = 12 pods, 4 nodes.)
        assertThat(s.path("node_groups").get(0).path("nodes_max").asInt()).isEqualTo(6);
    }

    @Test
    void aBurstableNodeGroupAboveItsCreditBaselinePaysItsSurplusCreditsAsOneServiceWould() throws IOException {
        JsonNode s = size(
                """
                platform: eks
                region: us-east-1
                availability_zones: 1
                survive: none
                node_groups:
                  - name: general
                    instance_types: [t3.medium]
                services:
                  - name: api
                    run: RUN
                    peak_rps: 600
                    baseline_rps: 550
                """);
        JsonNode group = s.path("node_groups").get(0);
        // min = max(2, ceil(550 / 350)) = 2 pods of 500m, 3 fit a t3.medium: 1 node at the minimum.
        assertThat(group.path("nodes_min").asInt()).isEqualTo(1);
        // Most of the day: 550 req/s x 0.8 ms = 0.44 cores on 2 vCPU = 22 %, above t3's 20 % baseline.
        // Surplus: (0.22 - 0.20) x 2 vCPU x 1 node x 730 h x 0.05 USD (T3 unlimited) = 1.46 USD a month,
        // on top of 1 node at the peak x 0.0416 x 730 = 30.368 USD.
        JsonNode decision = group.path("decisions").get(0).path("result");
        assertThat(decision.path("sustained_cpu_utilization").asDouble()).isCloseTo(0.22, within(1e-6));
        assertThat(decision.path("surplus_credit_usd_per_month").asDouble()).isCloseTo(1.46, within(1e-6));
        assertThat(group.path("usd_per_month").asDouble()).isCloseTo(30.368 + 1.46, within(1e-6));
        assertThat(group.path("findings").toString()).contains("BURSTABLE_BASELINE_EXCEEDED");
    }
}
