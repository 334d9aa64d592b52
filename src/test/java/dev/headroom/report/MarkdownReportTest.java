package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {
    private static final String MD = MarkdownReport.render(ReportFixtures.sizing(), "Nightly | sizing");

    /** A cell ends at a pipe that is not escaped. */
    private static final Pattern CELL_END = Pattern.compile("(?<!\\\\)\\|");

    @Test
    void everyTableHasAsManyCellsInEachRowAsInItsHeader() {
        List<List<String>> tables = tables(MD);
        // what limited the service, recommendation, pool and database, capacity, findings, plans
        assertThat(tables).hasSize(6);
        for (List<String> table : tables) {
            int columns = cells(table.get(0));
            assertThat(table.get(1)).as("the delimiter row").matches("\\|( -{3} \\|)+");
            for (String row : table) assertThat(cells(row)).as(row).isEqualTo(columns);
        }
    }

    @Test
    void givesTheRecommendationAndTheCapacityFigures() {
        assertThat(MD).startsWith("# Nightly | sizing\n");
        assertThat(MD).contains("**Recommendation:** 4 × c7g.xlarge nodes at peak (eks)");
        assertThat(MD)
                .contains(
                        "| Capacity at SLO (one replica, measured) | 1,375 req/s at 32 requests in flight (step 7) |");
        assertThat(MD).contains("| Knee | 48 requests in flight (step 8), 1,449 req/s |");
        assertThat(MD).contains("| Max throughput (measured) | 1,449 req/s |");
        assertThat(MD).contains("σ = 0.03, κ = 0.0004, λ = 100 req/s, R² = 0.993");
        assertThat(MD).contains("| Database CPU per request | not measured |");
        assertThat(MD).doesNotContain("NaN");
    }

    @Test
    void findingsComeErrorsFirstWithTheirCodesAndPipesEscaped() {
        List<String> findings = tables(MD).get(4);
        assertThat(findings.get(2))
                .startsWith("| error | `PLAN_CAPACITY_SHORT` |")
                .contains("4,400 req/s \\| short");
        assertThat(findings.get(3)).startsWith("| warning | `INJECTOR_SATURATED` |");
        assertThat(findings.get(4)).startsWith("| warning | `INPUT_NOT_MEASURED` |");
        assertThat(findings.get(5)).startsWith("| info | `EXTRAPOLATION_BEYOND_MEASURED` |");
        // Angle brackets stay literal: GitHub would otherwise treat them as HTML.
        assertThat(MD).doesNotContain("</script>").contains("&lt;/script&gt;");
    }

    @Test
    void listsTheTopFeasiblePlansAndADecisionALine() {
        List<String> plans = tables(MD).get(5);
        assertThat(plans).hasSize(2 + 3); // header, delimiter, the three feasible plans
        assertThat(plans.get(2)).startsWith("| 1 | c7g.xlarge |");
        assertThat(plans.get(4)).contains("$634 (partial)");
        assertThat(MD).contains("2 more plans in report.html.");
        assertThat(MD).contains("**Current plan** (m5.large");
        assertThat(MD.lines().filter(l -> l.startsWith("- **"))).hasSize(4);
        assertThat(MD).contains("- **pool size**: pool_size = 8\n");
        assertThat(MD)
                .contains("- **database CPU per request**: not evaluated: db_cpu_cores was not measured at any"
                        + " unsaturated step\n");
    }

    @Test
    void withoutAFeasiblePlanShowsTheRejectedOnesAndWhy() {
        String md = MarkdownReport.render(ReportFixtures.bare(), "bare");
        assertThat(md).contains("**No feasible plan:**").contains("| USL fit | not fitted |");
        List<String> plans = tables(md).get(tables(md).size() - 1);
        assertThat(plans.get(2)).startsWith("| rejected | t3.large |").contains("burstable");
        for (List<String> table : tables(md))
            for (String row : table) assertThat(cells(row)).isEqualTo(cells(table.get(0)));
    }

    @Test
    void writesReportMd(@TempDir Path dir) throws Exception {
        Path file = MarkdownReport.write(ReportFixtures.sizing(), dir);
        assertThat(file.getFileName()).hasToString("report.md");
        assertThat(Files.readString(file)).startsWith("# Headroom sizing: eks in eu-west-1, peak 6,000 req/s\n");
    }

    /** The tables of a Markdown text: runs of lines that start with a pipe. */
    static List<List<String>> tables(String md) {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        for (String line : md.lines().toList()) {
            if (line.startsWith("|")) {
                if (current == null) tables.add(current = new ArrayList<>());
                current.add(line);
            } else current = null;
        }
        return tables;
    }

    private static int cells(String row) {
        assertThat(row).as("a row opens and closes with a pipe").startsWith("|").endsWith("|");
        return (int) CELL_END.matcher(row).results().count() - 1;
    }
}
