package dev.headroom.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.Arch;
import dev.headroom.sizing.DbClass;
import dev.headroom.sizing.DbClassCatalog;
import dev.headroom.sizing.InstanceCatalog;
import dev.headroom.sizing.InstanceType;
import dev.headroom.sizing.PriceTable;
import dev.headroom.yaml.InputFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFilesTest {
    private static final String HEADER = "instance_type,family,arch,vcpus,memory_gib,baseline_cpu_pct_per_vcpu,"
            + "eks_max_pods,usd_per_hour_us_east_1,coremark_iterations_per_s,measured_total_mb,coremark_measured_on\n";

    @TempDir
    Path dir;

    @Test
    void theBundledCatalogHasEveryRowOfTheReferenceCsv() {
        InstanceCatalog catalog = CatalogFiles.instances();

        assertThat(catalog.all()).hasSize(62);
        assertThat(catalog.families())
                .containsExactly(
                        "c5", "c6g", "c6i", "c7g", "m5", "m6a", "m6g", "m6i", "m7g", "m7i", "r6g", "r6i", "t3", "t3a",
                        "t4g");
        // t3.medium,t3,x86_64,2,4,20,17,0.0416,29163.0,3827
        InstanceType t3Medium = catalog.byName("t3.medium");
        assertThat(t3Medium.arch()).isEqualTo(Arch.X86_64);
        assertThat(t3Medium.vcpus()).isEqualTo(2);
        assertThat(t3Medium.memoryGib()).isEqualTo(4);
        assertThat(t3Medium.measuredMemoryMib()).isEqualTo(3827);
        assertThat(t3Medium.baselineCpuFraction()).isEqualTo(0.20);
        assertThat(t3Medium.eksMaxPods()).isEqualTo(17);
        assertThat(t3Medium.coremarkPerVcpu()).isCloseTo(29163.0 / 2, within(1e-9));
        assertThat(catalog.withArchitectures(Set.of(Arch.ARM64)).families())
                .containsExactly("c6g", "c7g", "m6g", "m7g", "r6g", "t4g");
    }

    /** eks-max-pods.txt holds the rows of awslabs/amazon-eks-ami eni-max-pods.txt (2377b69a) for these types. */
    @Test
    void theCatalogsMaxPodsAgreeWithTheEksAmisTable() throws IOException {
        Map<String, Integer> published = eniMaxPods();
        InstanceCatalog catalog = CatalogFiles.instances();

        assertThat(published).hasSize(51);
        published.forEach((type, maxPods) ->
                assertThat(catalog.byName(type).eksMaxPods()).as(type).isEqualTo(maxPods));
    }

    @Test
    void rdsForMysqlClassesAreTheOfferedOnesAllBackedByTheCatalog() {
        DbClassCatalog classes = CatalogFiles.dbClasses();

        assertThat(classes.names()).containsExactlyInAnyOrderElementsOf(DbClassCatalog.offeredNames());
        assertThat(classes.all()).hasSize(30);
        assertThat(classes.names())
                .contains("db.t3.micro", "db.t4g.2xlarge", "db.m5.large", "db.m7g.2xlarge", "db.r6g.large")
                .doesNotContain("db.t3.nano", "db.m6g.medium", "db.r6g.medium", "db.c6g.large", "db.m6a.large");
        DbClass micro = classes.byName("db.t3.micro");
        assertThat(micro.vcpus()).isEqualTo(2);
        assertThat(micro.memoryGib()).isEqualTo(1);
        assertThat(micro.burstable()).isTrue();
        assertThat(micro.baselineCpuFraction()).isEqualTo(0.10);
        assertThat(classes.byName("db.r6g.large").arch()).isEqualTo(Arch.ARM64);
        assertThatThrownBy(() -> classes.byName("db.t3.smal")).hasMessageContaining("did you mean db.t3.small");
    }

    @Test
    void builtInPricesAreUsEast1Ec2OnlyFromTheCsv() {
        PriceTable usEast1 = CatalogFiles.builtInPrices("us-east-1");

        assertThat(usEast1.ec2("m6i.large").orElseThrow().usdPerHour()).isEqualTo(0.096);
        assertThat(usEast1.ec2("t4g.micro").orElseThrow().usdPerHour()).isEqualTo(0.0084);
        assertThat(usEast1.ec2("m6i.large").orElseThrow().source()).contains("AWS Price List API", "2026-07-20");
        assertThat(usEast1.ec2()).hasSize(62);
        assertThat(usEast1.rds()).isEmpty();
        assertThat(usEast1.eksCluster()).isEmpty();
        assertThat(usEast1.fargate()).isEmpty();

        assertThat(CatalogFiles.builtInPrices("ap-northeast-2").ec2()).isEmpty();
        assertThatThrownBy(() -> CatalogFiles.builtInPrices("ap-northeast-9"))
                .hasMessageContaining("unknown AWS region 'ap-northeast-9'");
    }

    @Test
    void aUsersCsvIsReadWithEveryBadCellReportedOnItsLine() throws IOException {
        Path csv = dir.resolve("facts.csv");
        Files.writeString(
                csv,
                HEADER
                        + "m5.large,m5,x86_64,2,8,100,29,0.096,28469.8,7811,2025-12-10\n"
                        + "m5.xlarge,m5,x86_65,4,16,100,58,0.192,59119.1,15611,2025-12-10\n"
                        + "m5.2xlarge,m5,x86_64,eight,32,100,58,0.384,115791.0,31714,2025-12-10\n"
                        + "t3.small,t3,x86_64,2,2,20,11,0.0208,28124.1,4000,2025-12-10\n"
                        + "m5.large,m5,x86_64,2,8,100,29,0.096,28469.8,7811,2025-12-10\n");

        assertThatThrownBy(() -> CatalogFiles.instances(csv))
                .isInstanceOf(InputFileException.class)
                .extracting(e -> ((InputFileException) e).problems())
                .asList()
                .extracting("line", "field")
                .containsExactly(tuple(3, "arch"), tuple(4, "vcpus"), tuple(5, ""), tuple(6, "instance_type"));
    }

    @Test
    void aUsersCsvWithTheRightColumnsLoads() throws IOException {
        Path csv = dir.resolve("facts.csv");
        Files.writeString(csv, HEADER + "m5.large,m5,x86_64,2,8,100,29,,28469.8,7811,2025-12-10\n");

        assertThat(CatalogFiles.instances(csv).names()).containsExactly("m5.large");
    }

    @Test
    void aCsvWithoutTheColumnsOrTheFileIsRefusedAsAWhole() throws IOException {
        Path csv = dir.resolve("facts.csv");
        Files.writeString(csv, "instance_type,vcpus\nm5.large,2\n");

        assertThatThrownBy(() -> CatalogFiles.instances(csv))
                .hasMessageContaining("facts.csv:1: missing columns [family, arch, memory_gib");
        assertThatThrownBy(() -> CatalogFiles.instances(dir.resolve("none.csv")))
                .hasMessageEndingWith("none.csv: no such file");
    }

    private static Map<String, Integer> eniMaxPods() throws IOException {
        Pattern row = Pattern.compile("(\\S+) (\\d+) +\\[\\d+x\\d+]");
        try (InputStream in = CatalogFilesTest.class.getResourceAsStream("/catalog/eks-max-pods.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(row::matcher)
                    .filter(Matcher::matches)
                    .collect(Collectors.toMap(m -> m.group(1), m -> Integer.parseInt(m.group(2))));
        }
    }
}
