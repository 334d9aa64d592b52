package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.input.InputException;
import dev.headroom.results.Json;
import dev.headroom.sizing.Finding;
import dev.headroom.sizing.FindingCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users' own workloads and plans (capacity-facts.md, "Seed workloads"), sized end to end from
 * files: the knee lands where they chose their limit, and both of their plans are flagged for what
 * went wrong with them.
 */
class SeedWorkloadsTest {
    static final Path SEED = Path.of("src/test/resources/sizing/seed");

    @TempDir
    Path out;

    private SizingJob.Outcome size(String request) {
        return size(SEED.resolve(request));
    }

    private SizingJob.Outcome size(Path request) {
        return SizingJob.run(
                SizingJob.Job.of(SEED.resolve("steps.csv"), request).withOut(out));
    }

    @Test
    void theKneeLandsAtThe500UsersTheyChose() throws IOException {
        size("t4g-micro.yaml");
        JsonNode sizing =
                Json.MAPPER.readTree(out.resolve(SizingJob.SIZING_JSON).toFile());
        assertThat(sizing.at("/capacity/knee_concurrency").asDouble()).isEqualTo(500);
        assertThat(sizing.at("/capacity/max_throughput_rps").asDouble()).isEqualTo(860);
        assertThat(sizing.at("/capacity/capacity_at_slo_rps").asDouble()).isEqualTo(855);
        assertThat(sizing.at("/usl/sigma").isNumber())
                .as("six points: the USL is fitted")
                .isTrue();
        assertThat(sizing.at("/usl/kappa").asDouble()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aT4gMicroAt93PercentIsAboveItsCreditBaselineAnd90PercentIsTooLateToScale() {
        SizingJob.Outcome o = size("t4g-micro.yaml");
        assertThat(o.sizing().findings())
                .filteredOn(f -> f.code() == FindingCode.BURSTABLE_BASELINE_EXCEEDED)
                .filteredOn(f -> f.message().startsWith("current plan"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("t4g.micro", "10 %"));
        assertThat(o.sizing().findings())
                .filteredOn(f -> f.code() == FindingCode.AUTOSCALE_THRESHOLD_TOO_HIGH)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
                    assertThat(f.message()).contains("90 %", "93 %");
                });
        assertThat(o.sizing().ceilingUtilization()).isEqualTo(0.93);
    }

    @Test
    void fifteenPodsWithPoolsOfTenOverflowADbT3Small() {
        SizingJob.Outcome o = size("eks-team.yaml");
        assertThat(o.sizing().findings())
                .filteredOn(f -> f.code() == FindingCode.DB_CONNECTION_BUDGET_EXCEEDED)
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        // 15 + 25 % surge (4) = 19 pods x 10 = 190 > about 150 on 2 GiB
                        .contains("15 replicas (+4 rollout surge) x pool 10", "190 connections", "db.t3.small")
                        .contains("a larger DB class", "RDS Proxy"));
        // Their steps.csv has no database CPU: the recommendation chooses no class (the variable is
        // absent from the tfvars) and says how many connections its pools need instead.
        assertThat(o.sizing().recommendation()).isPresent();
        assertThat(o.sizing().recommendation().get().dbClass()).isEmpty();
        assertThat(TerraformVariables.of(o.sizing())).doesNotContainKey("db_instance_class");
        assertThat(o.sizing().decisions())
                .filteredOn(d -> d.name().equals("db_class"))
                .singleElement()
                .satisfies(d -> assertThat(d.reasoning())
                        .contains("db_cpu_cores was not measured")
                        .contains("must accept "
                                + o.sizing().recommendation().get().connectionsNeeded()));
    }

    /**
     * The same plan checked against a steps.csv of throughput alone (step, concurrency,
     * throughput_rps): the connection budget needs no measurement, so it is still caught, and the
     * checks that need CPU say they were not made.
     */
    @Test
    void theConnectionBudgetIsCheckedFromThroughputColumnsAlone() throws IOException {
        Path csv = out.resolve("throughput-only.csv");
        Files.writeString(
                csv,
                "step,concurrency,throughput_rps\n1,200,520\n2,300,770\n3,400,820\n4,500,855\n5,600,860\n6,700,860\n");
        SizingJob.Outcome o = SizingJob.run(
                SizingJob.Job.of(csv, SEED.resolve("eks-team.yaml")).withOut(out));
        assertThat(o.sizing().findings())
                .filteredOn(f -> f.code() == FindingCode.DB_CONNECTION_BUDGET_EXCEEDED)
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        // (15 + 4 surge) x 10 = 190 > the db.t3.small's default
                        .contains("15 replicas (+4 rollout surge) x pool 10", "190 connections", "db.t3.small"));
        assertThat(o.sizing().recommendation()).as("no CPU: no plan").isEmpty();
        assertThat(o.sizing().currentPlan()).isPresent();
        assertThat(o.sizing().decisions())
                .filteredOn(d -> d.name().equals("current_plan"))
                .singleElement()
                .satisfies(d -> assertThat(d.reasoning()).contains("Not checked:", "CPU trigger"));
    }

    /**
     * 3 x t3.medium cannot hold 15 pods of 0.5 vCPU and 700 MiB: a t3.medium's 2 vCPUs leave
     * 1930 m allocatable (EKS's CPU reservation: 6 % of the first core, 1 % of the second = 70 m),
     * less the DaemonSets' requests, so 3 pods of 500 m fit by CPU; 3 nodes x 3 = 9 < 15.
     */
    @Test
    void threeT3MediumNodesDoNotHoldFifteenPods() throws IOException {
        Path request = out.resolve("eks-team-nodes.yaml");
        Files.writeString(
                request,
                Files.readString(SEED.resolve("eks-team.yaml"))
                        .replace("  instance_type: t3.medium", "  instance_type: t3.medium\n  nodes: 3"));
        SizingJob.Outcome o = size(request);
        assertThat(o.sizing().findings())
                .filteredOn(f -> f.code() == FindingCode.PLAN_CAPACITY_SHORT)
                .filteredOn(f -> f.message().contains("3 x t3.medium hold"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("hold 9 pods", "3 per node", "short of the 15"));
    }

    @Test
    void everyOutputIsWrittenAndBadInputOverwritesNone() throws IOException {
        size("eks-team.yaml");
        for (String f : new String[] {
            SizingJob.SIZING_JSON,
            SizingJob.TFVARS,
            SizingJob.REPORT_HTML,
            SizingJob.REPORT_MD,
            "kubernetes/capacity.yaml"
        }) assertThat(out.resolve(f)).isRegularFile();
        String before = Files.readString(out.resolve(SizingJob.SIZING_JSON));
        Path broken = out.resolve("broken.yaml");
        Files.writeString(broken, "peak:\n  rps: -5\nplatform: eks\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SizingJob.run(
                        SizingJob.Job.of(SEED.resolve("steps.csv"), broken).withOut(out)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("broken.yaml:2: peak.rps");
        assertThat(Files.readString(out.resolve(SizingJob.SIZING_JSON))).isEqualTo(before);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".sizing-"));
        }
    }

    /** On EC2 every instance at the peak, the spare included, is a JVM with a full pool. */
    @Test
    void everyPlanFitsItsOwnConnectionBudgetAndKeepsTheReplicaFloors() {
        for (String request : new String[] {"t4g-micro.yaml", "eks-team.yaml"}) {
            SizingJob.Outcome o = size(request);
            var r = o.sizing().request();
            assertThat(o.sizing().plans().stream().filter(dev.headroom.sizing.Plan::feasible))
                    .as(request)
                    .isNotEmpty()
                    .allSatisfy(p -> {
                        int surge = dev.headroom.sizing.Rollout.surgeReplicas(r.platform(), p.maxReplicas());
                        assertThat((p.maxReplicas() + surge) * p.poolSize()
                                        + r.database().reservedConnections())
                                .as(p.capacityType())
                                .isEqualTo(p.connectionsNeeded());
                        // A limit to fit: the chosen class's max_connections, or none when the
                        // database was not measured and no class is chosen (dbMaxConnections 0).
                        if (p.dbMaxConnections() > 0)
                            assertThat(p.connectionsNeeded()).isLessThanOrEqualTo(p.dbMaxConnections());
                        else assertThat(p.dbClass()).as("no limit, no class").isEmpty();
                        assertThat(p.minReplicas()).isGreaterThanOrEqualTo(Math.max(2, r.availabilityZones()));
                        if (p.replicasPerNode() == 1)
                            assertThat(p.maxReplicas()).isGreaterThanOrEqualTo(p.nodesForPeak());
                    });
        }
    }

    @Test
    void aPriceFileForAnotherRegionIsRefusedNamingBoth() throws IOException {
        Path prices = out.resolve("prices.yaml");
        Files.writeString(prices, "region: eu-west-1\ncurrency: USD\nsource: test\n");
        SizingJob.Job job = SizingJob.Job.of(SEED.resolve("steps.csv"), SEED.resolve("t4g-micro.yaml"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SizingJob.run(new SizingJob.Job(
                        job.input(),
                        job.request(),
                        job.currentPlan(),
                        Optional.of(prices),
                        job.platform(),
                        job.region(),
                        job.peakRps(),
                        job.sloP95Ms(),
                        Optional.of(out),
                        Optional.empty())))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("eu-west-1")
                .hasMessageContaining("us-east-1");
        assertThat(out.resolve(SizingJob.SIZING_JSON)).doesNotExist();
    }

    @Test
    void survivingAZoneWithOneZoneIsRefused() throws IOException {
        Path request = out.resolve("one-zone.yaml");
        Files.writeString(
                request,
                Files.readString(SEED.resolve("t4g-micro.yaml"))
                        .replace("availability_zones: 2", "availability_zones: 1\nsurvive: zone"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> size(request))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("survive: zone with availability_zones 1 rides out nothing");
    }
}
