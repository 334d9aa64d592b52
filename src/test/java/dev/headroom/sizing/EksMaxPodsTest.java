package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EksMaxPodsTest {
    /** {@code m5.large 29   [3x10]}: type, max pods from eni-max-pods.txt, ENIs x IPv4 per ENI. */
    private static final Pattern ROW = Pattern.compile("(\\S+) (\\d+) +\\[(\\d+)x(\\d+)]");

    record Row(String type, int maxPods, int enis, int ipv4PerEni) {}

    /** The rows of awslabs/amazon-eks-ami eni-max-pods.txt (2377b69a) kept in the test resources. */
    static List<Row> eniMaxPodsRows() throws IOException {
        try (InputStream in = EksMaxPodsTest.class.getResourceAsStream("/catalog/eks-max-pods.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.startsWith("#"))
                    .map(ROW::matcher)
                    .filter(Matcher::matches)
                    .map(m -> new Row(
                            m.group(1),
                            Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)),
                            Integer.parseInt(m.group(4))))
                    .toList();
        }
    }

    @Test
    void enisTimesAddressesLessOnePlusTwoReproducesEveryPublishedRow() throws IOException {
        List<Row> rows = eniMaxPodsRows();

        assertThat(rows).hasSize(51);
        for (Row row : rows) {
            assertThat(EksMaxPods.secondaryIp(row.enis(), row.ipv4PerEni()))
                    .as(row.type())
                    .isEqualTo(row.maxPods());
        }
    }

    /** eks-max-pods.txt: "t3.medium with prefix delegation: 3*(5*16)+2 = 242 -> capped to 110 (2 vCPU)". */
    @Test
    void prefixDelegationMultipliesBySixteenAndIsCappedByVcpus() {
        assertThat(EksMaxPods.prefixDelegation(3, 6, 2)).isEqualTo(110);
        assertThat(EksMaxPods.prefixDelegation(3, 6, 32)).isEqualTo(242);
        assertThat(EksMaxPods.prefixDelegation(15, 50, 96)).isEqualTo(250);
        assertThat(EksMaxPods.prefixDelegation(2, 2, 2)).isEqualTo(2 * 16 + 2);
    }
}
