package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.results.Json;
import dev.headroom.sizing.Sizing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final String TITLE = "Nightly sizing " + ReportFixtures.BREAKOUT;
    private static final String HTML = HtmlReport.render(ReportFixtures.sizing(), TITLE);
    private static final String DATA_OPEN = "<script type=\"application/json\" id=\"report-data\">";

    /** The page without the inlined Chart.js, whose minified code may spell anything. */
    private static final String OURS = HTML.replace(ChartJs.bundle(), "");

    @Test
    void loadsNothingFromOutsideTheFile() {
        // An attribute or CSS url() naming a network (or protocol-relative) address would be fetched.
        Pattern fetched = Pattern.compile(
                "(?i)(?:\\b(?:src|href|action|poster|data)\\s*=\\s*[\"']?\\s*|url\\(\\s*[\"']?)" + "(?:https?:|//)");
        assertThat(fetched.matcher(HTML).find())
                .as("an external src/href/url()")
                .isFalse();
        assertThat(OURS).doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("@import");
        assertThat(OURS).contains("http-equiv=\"Content-Security-Policy\"").contains("default-src 'none'");
    }

    @Test
    void inlinesTheChartJsBundleOfTheWebJarOnTheClasspath() {
        assertThat(ChartJs.version()).matches("\\d+\\.\\d+\\.\\d+");
        // The bundle's own banner names the version pom.properties gave: the same jar, read right.
        assertThat(ChartJs.bundle()).startsWith("/*!\n * Chart.js v" + ChartJs.version() + "\n");
        assertThat(HTML).contains("<script>\n" + ChartJs.bundle() + "\n</script>");
    }

    @Test
    void theDataBlobParsesBackWithTheStepsInDisplayUnits() throws Exception {
        JsonNode data = dataBlob(HTML);
        assertThat(data.get("title").asText()).isEqualTo(TITLE);
        assertThat(data.at("/load_axis/label").asText()).isEqualTo("Concurrency");
        JsonNode steps = data.get("steps");
        assertThat(steps).hasSize(ReportFixtures.steps().size());
        JsonNode third = steps.get(2);
        assertThat(third.get("step").asInt()).isEqualTo(3);
        assertThat(third.get("load").asDouble()).isEqualTo(4);
        assertThat(third.get("latency_p95_ms").asDouble()).isCloseTo(27, within(1e-9));
        JsonNode withoutP99 = steps.get(ReportFixtures.STEP_WITHOUT_P99 - 1);
        assertThat(withoutP99.get("latency_p99_ms").isNull())
                .as("NaN travels as null")
                .isTrue();
        JsonNode invalid = steps.get(ReportFixtures.INVALID_STEP - 1);
        assertThat(invalid.get("valid").asBoolean()).isFalse();
        assertThat(invalid.get("invalid_reason").asText()).endsWith(ReportFixtures.BREAKOUT);
        assertThat(data.at("/capacity_at_slo/step").asInt()).isEqualTo(7);
        assertThat(data.at("/knee/step").asInt()).isEqualTo(8);
        assertThat(data.at("/slo/p95_ms").asDouble()).isCloseTo(60, within(1e-9));
    }

    @Test
    void theUslCurveFollowsTheModelAndMarksItsExtrapolation() throws Exception {
        JsonNode usl = dataBlob(HTML).get("usl");
        assertThat(usl.get("sigma").asDouble()).isEqualTo(0.03);
        List<JsonNode> curve =
                StreamSupport.stream(usl.get("curve").spliterator(), false).toList();
        assertThat(curve).hasSizeGreaterThan(ChartData.CURVE_SAMPLES);
        for (JsonNode p : curve) {
            double n = p.get("concurrency").asDouble();
            // X(N) = λN / (1 + σ(N − 1) + κN(N − 1)), the USL (Gunther, Guerrilla Capacity Planning, 2007).
            double expected = 100 * n / (1 + 0.03 * (n - 1) + 0.0004 * n * (n - 1));
            assertThat(p.get("throughput_rps").asDouble()).isCloseTo(expected, within(1e-9));
            assertThat(p.get("extrapolation").asBoolean()).isEqualTo(n < 1 || n > 64);
        }
        // At one in flight the USL is λ, the single-user throughput, whatever σ and κ.
        JsonNode one = curve.stream()
                .filter(p -> p.get("concurrency").asDouble() == 1)
                .findFirst()
                .orElseThrow();
        assertThat(one.get("throughput_rps").asDouble()).isCloseTo(100, within(1e-9));
        assertThat(curve.get(curve.size() - 1).get("concurrency").asDouble())
                .isCloseTo(ChartData.CURVE_REACH * 96, within(1e-9));
    }

    @Test
    void textFromTheInputCannotEndAScriptElement() throws Exception {
        // Only the three script elements the page writes open and close.
        assertThat(count(HTML, "<script")).isEqualTo(3);
        assertThat(count(HTML.toLowerCase(), "</script")).isEqualTo(3);
        assertThat(OURS).doesNotContain("alert(1)</script>");
        assertThat(OURS).contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(dataBlob(HTML).get("title").asText()).isEqualTo(TITLE);
        assertThat(HTML).contains("<title>Nightly sizing &lt;/script&gt;");
    }

    @Test
    void aFigureNotMeasuredSaysSoAndNeverReadsAsZeroOrNaN() {
        assertThat(OURS).doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(OURS).contains("<dt>Database CPU per request</dt><dd>not measured</dd>");
        String stepSix = row(section(OURS, "steps"), "<td class=\"n\">" + ReportFixtures.STEP_WITHOUT_P99 + "</td>");
        assertThat(stepSix).contains("<td class=\"n missing\">not measured</td>");
        assertThat(stepSix).contains("unknown"); // its SLO verdict: p99 is part of the SLO
        // Offered load was measured at no step: a note, not a column of "not measured".
        assertThat(OURS).contains("Not measured at any step: Offered req/s.");
        assertThat(OURS).contains("<dt>Test host CoreMark per vCPU</dt><dd>not measured</dd>");
    }

    @Test
    void findingsComeErrorsFirst() {
        String findings = section(OURS, "findings");
        int error = findings.indexOf("PLAN_CAPACITY_SHORT");
        int warning = findings.indexOf("INJECTOR_SATURATED");
        int secondWarning = findings.indexOf("INPUT_NOT_MEASURED");
        int info = findings.indexOf("EXTRAPOLATION_BEYOND_MEASURED");
        assertThat(error).isPositive().isLessThan(warning);
        assertThat(warning).isLessThan(secondWarning); // the sizer's order within a severity
        assertThat(secondWarning).isLessThan(info);
    }

    @Test
    void thePlansListFeasibleOnesFirstAndEachRejectedOneWithItsViolations() {
        String plans = section(OURS, "plans");
        assertThat(plans.indexOf("c7g.xlarge")).isLessThan(plans.indexOf("t3.large"));
        assertThat(plans).contains("recommended").contains("rejected");
        assertThat(plans).contains("burstable: would run at 62 % CPU, above its 30 % baseline");
        assertThat(plans).contains("$634 (partial)"); // m6i.xlarge: its database has no price
        String current = section(OURS, "current-plan");
        assertThat(current).contains("m5.large").contains("falls short: carries 4,400 req/s");
    }

    @Test
    void everySectionIsThereAndEveryDecisionShowsItsReasoning() {
        for (String id : List.of(
                "recommendation",
                "findings",
                "charts",
                "plans",
                "current-plan",
                "decisions",
                "steps",
                "terraform",
                "environment")) assertThat(OURS).contains("<section id=\"" + id + "\">");
        for (String canvas :
                List.of("chart-throughput", "chart-latency", "chart-latency-throughput", "chart-cpu", "chart-pool"))
            assertThat(OURS).contains("<canvas id=\"" + canvas + "\"");
        String decisions = section(OURS, "decisions");
        assertThat(count(decisions, "<article class=\"decision\">")).isEqualTo(4);
        assertThat(decisions).contains("smallest c with Erlang C(c, λ·W) ≤ 0.05");
        assertThat(decisions).contains("not evaluated").contains("db_cpu_cores was not measured");
    }

    @Test
    void aSizingWithoutFitPlanOrFindingsStillRenders() throws Exception {
        Sizing bare = ReportFixtures.bare();
        String html = HtmlReport.render(bare, "bare");
        assertThat(html).contains("No plan met every constraint").contains("<dd>not fitted</dd>");
        assertThat(html).doesNotContain("<section id=\"current-plan\">");
        assertThat(dataBlob(html).get("usl").isNull()).isTrue();
        assertThat(dataBlob(html).get("knee").isNull()).isTrue();
    }

    @Test
    void writesReportHtmlWhole(@TempDir Path dir) throws Exception {
        Path file = HtmlReport.write(ReportFixtures.sizing(), dir.resolve("run-1"));
        assertThat(file.getFileName()).hasToString("report.html");
        assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left beside it
        }
    }

    static JsonNode dataBlob(String html) throws Exception {
        int start = html.indexOf(DATA_OPEN);
        assertThat(start).as("the data blob").isPositive();
        int end = html.indexOf("</script>", start);
        return Json.MAPPER.readTree(html.substring(start + DATA_OPEN.length(), end));
    }

    private static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\">");
        assertThat(start).as("section " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }

    /** The table row that contains {@code cell}. */
    private static String row(String html, String cell) {
        int at = html.indexOf(cell);
        assertThat(at).as(cell).isPositive();
        return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count++;
        return count;
    }
}
