package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.input.CatalogFiles;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.PlanFixtures;
import dev.headroom.sizing.Platform;
import dev.headroom.sizing.SearchEnd;
import dev.headroom.sizing.Sizer;
import dev.headroom.sizing.Sizing;
import dev.headroom.sizing.StepRole;
import dev.headroom.sizing.TestBed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A search run's report: its capacity as a rate offered with its interval, and each trial's phase. */
class SearchReportTest {
    static final Sizer SIZER =
            new Sizer(CatalogFiles.instances(), CatalogFiles.dbClasses(), CatalogFiles.builtInPrices("us-east-1"));

    static MeasuredStep trial(int n, StepRole role, String phase, double offered, double rps, double p95Ms) {
        return MeasuredStep.builder(n)
                .offeredRps(offered)
                .throughputRps(rps)
                .latencyP95Seconds(p95Ms / 1000)
                .errorRatio(0)
                .trial(role, phase)
                .build();
    }

    /**
     * SLO p95 500 ms; a pass also needs 95 % of the offered rate. Capacity: full-length failure at
     * 700 (trial 6), full-length passes at 650 (7, 8): 650 req/s offered. Interval: throughputs 648
     * and 646, mean 647, s = sqrt(1 + 1) = 1.4142, t(0.975, 1) = 12.7062: 647 - 12.7062 x 1.4142 /
     * sqrt(2) = 634.29, up to below 700.
     */
    static List<MeasuredStep> trials() {
        return List.of(
                trial(1, StepRole.SHORT_TRIAL, "probe", 400, 400, 5),
                trial(2, StepRole.SHORT_TRIAL, "probe", 800, 600, 900),
                trial(3, StepRole.SHORT_TRIAL, "bisect", 600, 598, 10),
                trial(4, StepRole.SHORT_TRIAL, "bisect", 700, 690, 40), // a short pass above the failure below
                trial(5, StepRole.SHORT_TRIAL, "bisect", 750, 700, 800),
                trial(6, StepRole.FULL_TRIAL, "confirm", 700, 660, 700),
                trial(7, StepRole.FULL_TRIAL, "bisect", 650, 648, 20),
                trial(8, StepRole.FULL_TRIAL, "repeat", 650, 646, 22));
    }

    static Sizing sizing(Optional<SearchEnd> end) {
        return SIZER.size(trials(), TestBed.unknown(), PlanFixtures.request(Platform.EC2_ASG), end);
    }

    @Test
    void theReportsGiveTheCapacityOfferedWithItsIntervalAndTheTable() {
        Sizing s = sizing(Optional.of(SearchEnd.FOUND));
        String line = "650 req/s offered, 2 full-length trials passed; 95 % interval 634 to below 700 req/s"
                + " (search found)";
        String html = HtmlReport.render(s, "search");
        assertThat(html).contains("Capacity search").contains(line);
        // the capacity is read at trial 8, the least the two full-length trials at 650 carried
        assertThat(html).contains("646 req/s at 650 req/s (step 8)");
        assertThat(html)
                .contains("<th>Phase</th>")
                .contains("bisect (full length)")
                .contains("probe (short)");
        assertThat(MarkdownReport.render(s, "search")).contains(line);
    }

    @Test
    void sizingJsonCarriesTheSearchsBracket() {
        @SuppressWarnings("unchecked")
        Map<String, Object> search = (Map<String, Object>) ((Map<String, Object>)
                        SizingJson.of(sizing(Optional.of(SearchEnd.FOUND)), "x").get("capacity"))
                .get("search");
        assertThat(search.get("status")).isEqualTo("found");
        assertThat(search.get("capacity_offered_rps")).isEqualTo(650.0);
        assertThat((double) search.get("interval_low_rps")).isCloseTo(634.29, within(0.01));
        assertThat(search.get("interval_high_rps")).isEqualTo(700.0);
        assertThat(search.get("lower_bound")).isEqualTo(false);
    }

    @Test
    void aCeilingReachedSearchReadsAsALowerBound() {
        String html = HtmlReport.render(sizing(Optional.of(SearchEnd.CEILING_REACHED)), "search");
        assertThat(html).contains("at least 646 req/s").contains("search ceiling_reached");
    }

    @Test
    void aStaircaseReportHasNoPhaseColumnAndNoSearchLine() {
        String html = HtmlReport.render(ReportFixtures.sizing(), "staircase");
        assertThat(html).doesNotContain("<th>Phase</th>").doesNotContain("Capacity search");
    }
}
