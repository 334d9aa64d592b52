package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UslCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int usl(String... args) {
        return new CommandLine(new UslCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
    }

    /**
     * The Cisco benchmark of Schwartz's Practical Scalability Analysis with the USL, as published in
     * codahale/usl4j's ModelTest, with the book's fit: σ = 0.02671591, κ = 7.690945e-4, λ = 995.6486.
     */
    private static Path cisco() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(UslCommandTest.class.getResource("/usl/cisco.csv"))
                .toURI());
    }

    @Test
    void printsTheCiscoFitAsJsonWithTheDocumentedKeys() throws Exception {
        assertThat(usl(cisco().toString(), "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly(
                        "sigma", "kappa", "lambda", "peak_concurrency", "max_throughput", "r_squared", "points");
        assertThat(json.get("sigma").asDouble()).isCloseTo(0.02671591, within(1e-3 * 0.02671591));
        assertThat(json.get("kappa").asDouble()).isCloseTo(7.690945e-4, within(1e-3 * 7.690945e-4));
        assertThat(json.get("lambda").asDouble()).isCloseTo(995.6486, within(1e-3 * 995.6486));
        assertThat(json.get("max_throughput").asDouble()).isCloseTo(12341, within(1e-3 * 12341));
        assertThat(Math.floor(json.get("peak_concurrency").asDouble())).isEqualTo(35);
        assertThat(json.get("points").asInt()).isEqualTo(32);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void printsTheCiscoFitAsText() throws Exception {
        assertThat(usl(cisco().toString())).isZero();
        assertThat(out.toString())
                .contains("USL fit of 32 points")
                .contains("concurrency 1 to 32")
                .containsPattern("sigma \\(contention\\) +0\\.02671")
                .containsPattern("kappa \\(coherency\\) +0\\.000769")
                .containsPattern("lambda \\(throughput per unit\\) +995\\.6")
                .containsPattern("peak concurrency N\\* +35\\.5.*extrapolated")
                .containsPattern("max throughput X\\(N\\*\\) +1234")
                .contains("R^2");
    }

    /** Per-worker throughput falls from 100 to 80, then holds: the free fit's κ < 0 is held at 0. */
    private Path contentionThatStopsGrowing() throws IOException {
        StringBuilder csv = new StringBuilder("concurrency,throughput\n");
        for (int n = 1; n <= 8; n++) {
            csv.append(n)
                    .append(',')
                    .append(n * (80 + 20 * Math.exp(-(n - 1) / 1.5)))
                    .append('\n');
        }
        return write("flattening.csv", csv.toString());
    }

    @Test
    void aModelWithoutPeakPrintsNullNotInfinity() throws Exception {
        assertThat(usl(contentionThatStopsGrowing().toString(), "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("kappa").asDouble()).isZero();
        assertThat(json.get("peak_concurrency").isNull()).isTrue();
        double ceiling = json.get("lambda").asDouble() / json.get("sigma").asDouble();
        assertThat(json.get("max_throughput").asDouble()).isCloseTo(ceiling, within(1e-9 * ceiling));
    }

    @Test
    void theTextSaysWhichBoundHeld() throws Exception {
        assertThat(usl(contentionThatStopsGrowing().toString())).isZero();
        assertThat(out.toString())
                .containsPattern("kappa \\(coherency\\) +0 +\\(held at its bound 0")
                .containsPattern("peak concurrency N\\* +infinite +\\(kappa = 0: no peak\\)");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThat(usl(dir.resolve("nope.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.csv: no such file");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingColumnIsNamedWithWhatWasFound() throws IOException {
        Path file = write("steps.csv", "concurrency,rps\n1,2\n");
        assertThat(usl(file.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("steps.csv line 1: no column 'throughput'")
                .contains("found: concurrency, rps")
                .contains("concurrency,throughput");
    }

    @Test
    void aBadCellIsNamedByLineAndColumnWithWhatIsAccepted() throws IOException {
        for (String bad : List.of("abc", "NaN", "-5", "Infinity")) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            Path file = write("bad.csv", "concurrency,throughput\n1,100\n2,200\n3," + bad + "\n");
            assertThat(usl(file.toString())).as(bad).isEqualTo(2);
            assertThat(err.toString())
                    .as(bad)
                    .contains("bad.csv line 4, column throughput: '" + bad + "'")
                    .contains("expected a finite number >= 0");
        }
        Path zero = write("zero.csv", "concurrency,throughput\n0,100\n");
        assertThat(usl(zero.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("zero.csv line 2, column concurrency: '0'")
                .contains("> 0");
        Path shortRow = write("short.csv", "concurrency,throughput\n1,100\n2\n");
        assertThat(usl(shortRow.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("short.csv line 3, column throughput: missing");
    }

    @Test
    void fewerThanSixRowsAreRefused() throws IOException {
        Path file = write("few.csv", "concurrency,throughput\n1,100\n2,190\n3,270\n4,340\n5,400\n");
        assertThat(usl(file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("few.csv").contains("at least 6").contains("got 5");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        assertThat(usl(write("empty.csv", "").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("empty.csv line 1").contains("the file is empty");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
