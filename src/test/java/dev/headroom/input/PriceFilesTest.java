package dev.headroom.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.Arch;
import dev.headroom.sizing.DbClassCatalog;
import dev.headroom.sizing.InstanceCatalog;
import dev.headroom.sizing.PriceTable;
import dev.headroom.yaml.InputFileException;
import dev.headroom.yaml.InputFileException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceFilesTest {
    /** Surefire runs tests in the project's base directory. */
    private static final Path EXAMPLE = Path.of("scenarios/prices/example-prices.yaml");

    private static final InstanceCatalog INSTANCES = CatalogFiles.instances();
    private static final DbClassCatalog DB_CLASSES = CatalogFiles.dbClasses();

    private static final String HEAD =
            """
            region: us-east-1
            currency: USD
            source: "quote from our AWS account team, 2026-08-01"
            """;

    @TempDir
    Path dir;

    private PriceTable load(String yaml) throws IOException {
        Path file = dir.resolve("prices.yaml");
        Files.writeString(file, yaml);
        return PriceFiles.load(file, INSTANCES, DB_CLASSES);
    }

    private List<Problem> problemsOf(String yaml) throws IOException {
        try {
            load(yaml);
        } catch (InputFileException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems in:\n" + yaml);
    }

    private Problem problem(int line, String field, String message) {
        return new Problem(dir.resolve("prices.yaml").toString(), line, field, message);
    }

    @Test
    void theShippedExampleLoadsAndEqualsTheBuiltInPrices() {
        PriceTable example = PriceFiles.load(EXAMPLE, INSTANCES, DB_CLASSES);
        PriceTable builtIn = CatalogFiles.builtInPrices("us-east-1");

        assertThat(example.region()).isEqualTo("us-east-1");
        assertThat(example.ec2()).hasSize(62);
        assertThat(example.ec2()).allSatisfy((type, price) -> assertThat(price.usdPerHour())
                .as(type)
                .isEqualTo(builtIn.ec2(type).orElseThrow().usdPerHour()));
        assertThat(example.ec2("m6i.large").orElseThrow().source()).startsWith(EXAMPLE.toString());
        assertThat(example.rds()).isEmpty();
        assertThat(example.eksCluster()).isEmpty();
        assertThat(example.fargate()).isEmpty();
    }

    @Test
    void aUserFileIsMergedOverTheBuiltInPrices() throws IOException {
        PriceTable prices = load(
                HEAD
                        + """
                ec2_usd_per_hour: { m6i.large: 0.09 }
                rds_usd_per_hour: { db.t3.small: 0.034 }
                eks_cluster_usd_per_hour: 0.10
                fargate:
                  vcpu_usd_per_hour: 0.04
                  gb_usd_per_hour: 0.0044
                """);

        assertThat(prices.ec2("m6i.large").orElseThrow().usdPerHour()).isEqualTo(0.09);
        assertThat(prices.ec2("m6i.large").orElseThrow().source()).contains("quote from our AWS account team");
        assertThat(prices.ec2("m5.large").orElseThrow().usdPerHour()).isEqualTo(0.096); // built in
        assertThat(prices.rds("db.t3.small").orElseThrow().usdPerHour()).isEqualTo(0.034);
        assertThat(prices.eksCluster().orElseThrow().usdPerHour()).isEqualTo(0.10);
        assertThat(prices.fargate(Arch.X86_64).orElseThrow().gbUsdPerHour()).isEqualTo(0.0044);
        assertThat(prices.fargate(Arch.ARM64)).isEmpty();
    }

    @Test
    void aRegionWithoutBuiltInPricesHasOnlyTheUsersOnes() throws IOException {
        PriceTable seoul =
                load(HEAD.replace("us-east-1", "ap-northeast-2") + "rds_usd_per_hour: { db.t4g.micro: 0.025 }\n");

        assertThat(seoul.region()).isEqualTo("ap-northeast-2");
        assertThat(seoul.ec2()).isEmpty();
        assertThat(seoul.rds()).containsOnlyKeys("db.t4g.micro");
    }

    @Test
    void everyBadFieldIsReportedWithItsLineAndWhatIsAccepted() throws IOException {
        List<Problem> problems = problemsOf(
                """
                region: us-est-1
                currency: USD
                source: "my notes"
                ec2_usd_per_hour:
                  m6i.large: -0.096
                  m6i.larg: 0.096
                  t3.small: "0.02"
                  t3.micro: cheap
                rds_usd_per_hour:
                  db.t3.smal: 0.034
                eks_cluster_usd_per_hour: 0
                fargat: {}
                """);

        String price = "must be a number > 0 and <= 1000, was ";
        assertThat(problems)
                .hasSize(8)
                .startsWith(problem(
                        1,
                        "region",
                        "unknown AWS region 'us-est-1' (did you mean us-east-1, us-west-1?); AWS commercial regions: "
                                + "af-south-1, ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, "
                                + "ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, "
                                + "ap-southeast-4, ap-southeast-5, ap-southeast-6, ap-southeast-7, ca-central-1, "
                                + "ca-west-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, "
                                + "eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, me-south-1, "
                                + "mx-central-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2"))
                .contains(
                        problem(5, "ec2_usd_per_hour.m6i.large", price + "-0.096"),
                        problem(7, "ec2_usd_per_hour.t3.small", price + "\"0.02\" (quoted, so text)"),
                        problem(8, "ec2_usd_per_hour.t3.micro", price + "cheap"),
                        problem(11, "eks_cluster_usd_per_hour", price + "0"),
                        problem(
                                12,
                                "fargat",
                                "unknown field; did you mean fargate? accepted here: region, currency, source, "
                                        + "ec2_usd_per_hour, rds_usd_per_hour, eks_cluster_usd_per_hour, fargate"));
        assertThat(problems).filteredOn(p -> p.line() == 6).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("ec2_usd_per_hour.m6i.larg");
            assertThat(p.message())
                    .startsWith("unknown instance type (did you mean m6i.large")
                    .contains("prices are accepted for the catalog's 62 names");
        });
        assertThat(problems).filteredOn(p -> p.line() == 10).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("unknown RDS for MySQL DB class (did you mean db.t3.small")
                .contains("the catalog's 30 names"));
    }

    @Test
    void theMessageIsFileLineFieldAndWhatIsWrong() throws IOException {
        Path file = dir.resolve("prices.yaml");

        assertThatThrownBy(() -> load(HEAD + "ec2_usd_per_hour: { m6i.large: free }\n"))
                .hasMessage(file + ":4: ec2_usd_per_hour.m6i.large: must be a number > 0 and <= 1000, was free");
    }

    @Test
    void aPriceAbove1000UsdAnHourIsRefusedAndThe1000ItselfAccepted() throws IOException {
        String range = "must be a number > 0 and <= 1000, was ";
        assertThat(
                        problemsOf(
                                HEAD
                                        + """
                                ec2_usd_per_hour: { m6i.large: 1e300 }
                                rds_usd_per_hour: { db.t3.small: 1e308 }
                                eks_cluster_usd_per_hour: 1000.01
                                fargate: { vcpu_usd_per_hour: 1e300, gb_usd_per_hour: 0.0044 }
                                """))
                .containsExactly(
                        problem(4, "ec2_usd_per_hour.m6i.large", range + "1e300"),
                        problem(5, "rds_usd_per_hour.db.t3.small", range + "1e308"),
                        problem(6, "eks_cluster_usd_per_hour", range + "1000.01"),
                        problem(7, "fargate.vcpu_usd_per_hour", range + "1e300"));

        assertThat(load(HEAD + "ec2_usd_per_hour: { m6i.large: 1000 }\n")
                        .ec2("m6i.large")
                        .orElseThrow()
                        .usdPerHour())
                .isEqualTo(1000);
    }

    @Test
    void requiredFieldsDuplicatesAndHalfAFargatePairAreProblems() throws IOException {
        List<Problem> problems = problemsOf(
                """
                region: us-east-1
                currency: EUR
                ec2_usd_per_hour: { m6i.large: 0.096, m6i.large: 0.1 }
                fargate:
                  arm64_vcpu_usd_per_hour: 0.03
                  gb_usd_per_hour: 0.004
                rds_usd_per_hour:
                """);

        assertThat(problems)
                .containsExactly(
                        problem(1, "source", "is required: text saying where these prices were found, with its date"),
                        problem(
                                2,
                                "currency",
                                "must be USD, was EUR; AWS bills in US dollars and the price fields are named so"),
                        problem(3, "ec2_usd_per_hour.m6i.large", "given twice; the first is on line 3"),
                        problem(
                                5,
                                "fargate.arm64_vcpu_usd_per_hour",
                                "needs fargate.arm64_gb_usd_per_hour too: a task pays for its vCPUs and its memory"),
                        problem(
                                6,
                                "fargate.gb_usd_per_hour",
                                "needs fargate.vcpu_usd_per_hour too: a task pays for its vCPUs and its memory"),
                        problem(
                                7,
                                "rds_usd_per_hour",
                                "must be a mapping of RDS classes and their USD per hour, was empty"));
    }

    @Test
    void yamlThatIsNotAPriceFileIsRefusedWithItsLine() throws IOException {
        assertThat(problemsOf("region: [us-east-1\n")).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("YAML syntax"));
        assertThat(problemsOf("- us-east-1\n"))
                .containsExactly(problem(1, "", "must be a mapping of fields, was a list"));
        assertThat(problemsOf("")).singleElement().satisfies(p -> assertThat(p.message())
                .contains("empty"));
        assertThatThrownBy(() -> PriceFiles.load(dir.resolve("none.yaml"), INSTANCES, DB_CLASSES))
                .hasMessageEndingWith("none.yaml: no such file");
    }
}
