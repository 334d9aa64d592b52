package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegionsAndPricesTest {

    @Test
    void aTypoInARegionIsAnErrorNamingTheNearestRegions() {
        assertThatThrownBy(() -> Regions.require("us-est-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown AWS region 'us-est-1' (did you mean us-east-1");
        assertThatThrownBy(() -> Regions.require("ap-northeast-4"))
                .hasMessageContaining("did you mean ap-northeast-1, ap-northeast-2, ap-northeast-3");
        assertThatThrownBy(() -> PriceTable.empty("eu-wset-1")).hasMessageContaining("did you mean eu-west-1");
    }

    @Test
    void aRealRegionWithoutPricesIsAcceptedAndHasNone() {
        PriceTable seoul = PriceTable.empty("ap-northeast-2");

        assertThat(Regions.nameOf("ap-northeast-2")).isEqualTo("Asia Pacific (Seoul)");
        assertThat(seoul.ec2("m6i.large")).isEmpty();
        assertThat(seoul.rds("db.t3.small")).isEmpty();
        assertThat(seoul.eksCluster()).isEmpty();
        assertThat(seoul.fargate(Arch.ARM64)).isEmpty();
    }

    @Test
    void theListHasTheCommercialRegionsOnly() {
        assertThat(Regions.codes())
                .contains("us-east-1", "ca-west-1", "mx-central-1", "ap-southeast-7", "il-central-1", "eu-south-2")
                .doesNotContain("cn-north-1", "us-gov-west-1", "aws-global")
                .hasSize(34);
    }

    @Test
    void aUserTableOverridesTheBuiltInOneWhereBothHaveAPrice() {
        PriceTable builtIn = new PriceTable(
                "us-east-1",
                "USD",
                Map.of("m6i.large", new Price(0.096, "built-in"), "m5.large", new Price(0.096, "built-in")),
                Map.of(),
                Optional.empty(),
                Map.of());
        PriceTable user = new PriceTable(
                "us-east-1",
                "USD",
                Map.of("m6i.large", new Price(0.09, "my quote")),
                Map.of("db.t3.small", new Price(0.034, "my quote")),
                Optional.of(new Price(0.10, "my quote")),
                Map.of(Arch.X86_64, new FargateRates(0.04, 0.0044, "my quote")));

        PriceTable merged = builtIn.overriddenBy(user);

        assertThat(merged.ec2("m6i.large")).contains(new Price(0.09, "my quote"));
        assertThat(merged.ec2("m5.large")).contains(new Price(0.096, "built-in"));
        assertThat(merged.rds("db.t3.small")).isPresent();
        assertThat(merged.eksCluster()).contains(new Price(0.10, "my quote"));
        assertThat(merged.fargate(Arch.X86_64)).isPresent();
        assertThat(merged.fargate(Arch.ARM64)).isEmpty();
    }

    @Test
    void pricesAreForOneRegionInUsdAndPositive() {
        assertThatThrownBy(() -> PriceTable.empty("us-east-1").overriddenBy(PriceTable.empty("us-west-2")))
                .hasMessageContaining("prices differ by region");
        assertThatThrownBy(() -> new PriceTable("us-east-1", "KRW", Map.of(), Map.of(), Optional.empty(), Map.of()))
                .hasMessageContaining("currency must be USD");
        assertThatThrownBy(() -> new Price(-0.1, "x")).hasMessageContaining("must be a price > 0");
        assertThatThrownBy(() -> new Price(0.1, " ")).hasMessageContaining("a price needs its source");
    }
}
