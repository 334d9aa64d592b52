package dev.headroom.report;

import dev.headroom.results.Json;
import dev.headroom.sizing.Decision;
import dev.headroom.sizing.Plan;
import dev.headroom.sizing.Sizing;
import dev.headroom.sizing.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * report.md: the sizing in brief, for a pull request comment or a nightly summary, in
 * GitHub-flavoured Markdown. The same words as report.html (both come from {@link Summary}), fewer
 * of them: the recommendation, the capacity figures, the findings, the top plans and one line per
 * decision.
 */
public final class MarkdownReport {
    public static final String FILE_NAME = "report.md";

    /** Plans in the table: enough to see what the runner-up costs, short enough for a PR comment. */
    static final int PLANS_SHOWN = 5;

    private MarkdownReport() {}

    /** Writes {@value #FILE_NAME} into {@code outDir} (created if absent), titled after the request. */
    public static Path write(Sizing sizing, Path outDir) throws IOException {
        return write(sizing, Summary.defaultTitle(sizing), outDir);
    }

    /** Writes {@value #FILE_NAME} into {@code outDir} (created if absent) with {@code title}. */
    public static Path write(Sizing sizing, String title, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Path file = outDir.resolve(FILE_NAME);
        Json.writeAtomically(file, render(sizing, title));
        return file;
    }

    public static String render(Sizing sizing, String title) {
        StringBuilder md = new StringBuilder("# ").append(inline(title)).append("\n\n");
        md.append("## What limited the service\n\n");
        md.append(MarkdownTable.of("Resource", "Evidence")
                .rows(Summary.bottleneck(sizing), l -> List.of(l.label(), l.value()))
                .render());
        md.append('\n');
        Optional<Plan> plan = sizing.recommendation();
        if (plan.isPresent()) {
            md.append("**Recommendation:** ")
                    .append(inline(headline(plan.get())))
                    .append("\n\n");
            List<Summary.Line> settings = new ArrayList<>(Summary.recommendation(plan.get()));
            Summary.sameArchitecture(sizing).ifPresent(settings::add);
            md.append(MarkdownTable.of("Setting", "Value")
                    .rows(settings, l -> List.of(l.label(), l.value()))
                    .render());
            md.append("\n### Pool and database\n\n");
            md.append(MarkdownTable.of("Decision", "Why")
                    .rows(Summary.poolAndDatabase(plan.get()), l -> List.of(l.label(), l.value()))
                    .render());
        } else {
            md.append("**No feasible plan:** no candidate met every constraint; see the findings and the"
                    + " rejected plans.\n");
        }
        md.append("\n## Capacity\n\n");
        md.append(MarkdownTable.of("Figure", "Value")
                .rows(Summary.capacity(sizing), l -> List.of(l.label(), l.value()))
                .render());
        md.append("\n## Findings\n\n");
        if (sizing.findings().isEmpty()) md.append("None.\n");
        else
            md.append(MarkdownTable.of("Severity", "Code", "Message")
                    .rows(
                            Summary.errorsFirst(sizing.findings()),
                            f -> List.of(
                                    f.severity().name().toLowerCase(),
                                    "`" + f.code().name() + "`",
                                    f.message()))
                    .render());
        md.append("\n## Plans\n\n").append(plans(sizing));
        sizing.currentPlan().ifPresent(current -> md.append("\n**Current plan** (")
                .append(inline(current.capacityType()))
                .append(", replicas ")
                .append(Summary.replicas(current))
                .append(", pool ")
                .append(current.poolSize())
                .append(", ")
                .append(inline(current.dbClass()))
                .append("): ")
                .append(
                        current.feasible()
                                ? "carries the peak within every constraint."
                                : inline("falls short: " + String.join("; ", current.violations()) + "."))
                .append('\n'));
        md.append("\n## Decisions\n\n");
        if (sizing.decisions().isEmpty()) md.append("None recorded.\n");
        for (Decision d : sizing.decisions())
            md.append("- **")
                    .append(inline(d.name()))
                    .append("**: ")
                    .append(inline(Summary.oneLiner(d)))
                    .append('\n');
        md.append('\n').append(environment(sizing.testBed())).append('\n');
        return md.toString();
    }

    /** "4 × m7g.large nodes, replicas 2 to 6, …": the plan as one sentence. */
    static String headline(Plan p) {
        return p.nodesForPeak() + " × " + p.capacityType() + " "
                + Summary.nodesLabel(p.platform()).toLowerCase()
                + " at peak (" + p.platform().key() + "); replicas " + Summary.replicas(p) + "; pool "
                + p.poolSize() + " per replica; " + Summary.dbClass(p) + "; CPU target "
                + Figures.percent(p.cpuTargetUtilization()) + "; "
                + Figures.total(p.cost())
                + " per month.";
    }

    private static String plans(Sizing sizing) {
        List<Plan> feasible = sizing.plans().stream()
                .filter(Plan::feasible)
                .limit(PLANS_SHOWN)
                .toList();
        // Without a feasible plan, the closest rejected ones and their violations are the news.
        List<Plan> shown =
                feasible.isEmpty() ? sizing.plans().stream().limit(PLANS_SHOWN).toList() : feasible;
        if (shown.isEmpty()) return "No plan was considered.\n";
        long rest = sizing.plans().size() - shown.size();
        return MarkdownTable.of(
                                "Rank",
                                "Capacity type",
                                "Replicas min / peak / max",
                                "Nodes min / peak / max",
                                "CPU target",
                                "Pool",
                                "DB class",
                                "DB connections needed / max",
                                "Total USD/month",
                                "Violations")
                        .rows(
                                shown,
                                p -> List.of(
                                        p.feasible() ? Integer.toString(feasible.indexOf(p) + 1) : "rejected",
                                        p.capacityType(),
                                        p.minReplicas() + " / " + p.replicasForPeak() + " / " + p.maxReplicas(),
                                        p.nodesMin() + " / " + p.nodesForPeak() + " / " + p.nodesMax(),
                                        Figures.percent(p.cpuTargetUtilization()),
                                        Integer.toString(p.poolSize()),
                                        Summary.dbClass(p),
                                        Summary.connectionsShort(p),
                                        Figures.total(p.cost()),
                                        p.violations().isEmpty() ? "none" : String.join("; ", p.violations())))
                        .render()
                + (rest > 0 ? "\n" + rest + " more plans in report.html.\n" : "");
    }

    private static String environment(TestBed bed) {
        return "<sub>Test bed: service CPU budget " + Figures.withUnit(bed.serviceCpuCores(), "cores") + ", pool "
                + Figures.count(bed.poolSize()) + ", " + inline(bed.cpuModel()) + ", " + inline(bed.databaseEngine())
                + ".</sub>";
    }

    /**
     * Text outside a table, made literal: angle brackets would otherwise open HTML, which GitHub
     * renders or strips.
     */
    static String inline(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace('\n', ' ');
    }
}
