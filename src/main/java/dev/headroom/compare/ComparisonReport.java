package dev.headroom.compare;

import dev.headroom.history.Recommendation;
import dev.headroom.history.RunSummary;
import dev.headroom.results.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A comparison written out: {@code comparison.md}, short enough for a pull request comment or a
 * chat message (the verdict and its reasons first, then the figures, the steps folded away), and
 * {@code comparison.json} with every figure for tools.
 */
public final class ComparisonReport {
    public static final String MARKDOWN = "comparison.md";
    public static final String JSON = "comparison.json";

    private ComparisonReport() {}

    public static List<Path> write(Comparison c, Path outDir) {
        try {
            Files.createDirectories(outDir);
            Path md = outDir.resolve(MARKDOWN);
            Path json = outDir.resolve(JSON);
            Json.writeAtomically(md, markdown(c));
            Json.writeAtomically(json, json(c));
            return List.of(md, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison to " + outDir, e);
        }
    }

    public static String markdown(Comparison c) {
        StringBuilder md = new StringBuilder();
        md.append("## Headroom: ").append(headline(c)).append("\n\n");
        md.append(describeRuns(c)).append("\n\n");
        if (c.verdict() == Comparison.Verdict.NOT_COMPARABLE) {
            md.append("The runs cannot be compared:\n\n");
            c.comparability()
                    .reasons()
                    .forEach(r -> md.append("- ").append(md(r)).append('\n'));
            md.append("\n`--force` compares them anyway.\n");
            notes(c, md);
            return md.toString();
        }
        if (c.forced() && !c.comparability().comparable()) {
            md.append("> **Compared with --force although the runs are not alike:** ")
                    .append(md(String.join("; ", c.comparability().reasons())))
                    .append(". Differences below may come from that, not from the build.\n\n");
        }
        if (!c.gateFailures().isEmpty()) {
            md.append("**The gate failed:**\n\n");
            c.gateFailures().forEach(f -> md.append("- ").append(md(f)).append('\n'));
            md.append('\n');
        }
        md.append("| figure | baseline | candidate | change | noise (cv) | how sure | verdict | gate |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (FigureChange f : c.figures()) {
            if (f.change() == Change.NOT_MEASURED && Double.isNaN(f.baseline()) && Double.isNaN(f.candidate()))
                continue;
            md.append("| ")
                    .append(label(f, c))
                    .append(" | ")
                    .append(Text.withUnit(f.baseline(), f.figure().unit()))
                    .append(" | ")
                    .append(candidateCell(f))
                    .append(" | ")
                    .append(Text.change(f.relativeChange()))
                    .append(" | ")
                    .append(Text.noise(f))
                    .append(" | ")
                    .append(Text.sureness(f))
                    .append(" | ")
                    .append(
                            f.failsGate()
                                    ? "**" + f.change().words() + "**"
                                    : f.change().words())
                    .append(" | ")
                    .append(f.failsGate() ? "**fails**" : c.gate().describe(f.figure()))
                    .append(" |\n");
        }
        md.append("\n**Recommendation:** ");
        if (c.recommendationChanges().isEmpty())
            md.append(c.candidate()
                    .recommendation()
                    .map(r -> "unchanged (" + md(r.brief()) + ").")
                    .orElse("none in either run."));
        else
            md.append("changed: ")
                    .append(md(String.join("; ", c.recommendationChanges())))
                    .append('.');
        md.append("\n\n**New error findings:** ");
        if (c.newErrorFindings().isEmpty()) md.append("none.");
        else
            c.newErrorFindings().forEach(f -> md.append("`")
                    .append(f.code())
                    .append("` ")
                    .append(md(f.message()))
                    .append(' '));
        md.append("\n\n");
        steps(c, md);
        notes(c, md);
        return md.toString();
    }

    /** A few lines for the console: the verdict, why, and every figure that moved beyond its noise. */
    public static String console(Comparison c) {
        StringBuilder out = new StringBuilder();
        out.append("verdict: ").append(c.verdict().words()).append('\n');
        out.append("baseline ")
                .append(c.baseline().runId())
                .append(" (")
                .append(c.baseline().environment().shortCommit())
                .append("), candidate ")
                .append(c.candidate().runId())
                .append(" (")
                .append(c.candidate().environment().shortCommit())
                .append("), per-request figures at ")
                .append(Text.load(c.referenceLoad(), c.baseline().environment().loadModel()))
                .append('\n');
        c.comparability()
                .reasons()
                .forEach(r -> out.append("not comparable: ").append(r).append('\n'));
        c.gateFailures().forEach(f -> out.append("FAIL ").append(f).append('\n'));
        for (FigureChange f : c.figures()) {
            if (f.change() == Change.NOT_MEASURED) continue;
            out.append(String.format(
                    java.util.Locale.ROOT,
                    "  %-28s %12s -> %-12s %8s  noise %-14s sure %-22s %s%n",
                    f.figure().label(),
                    Text.withUnit(f.baseline(), f.figure().unit()),
                    Text.withUnit(f.candidateAdjusted(), f.figure().unit()),
                    Text.change(f.relativeChange()),
                    Text.noise(f),
                    Text.sureness(f),
                    f.change().words()));
        }
        if (!c.recommendationChanges().isEmpty())
            out.append("recommendation changed: ")
                    .append(String.join("; ", c.recommendationChanges()))
                    .append('\n');
        c.newErrorFindings()
                .forEach(f -> out.append("new error finding: ").append(f.code()).append('\n'));
        c.comparability().notes().forEach(n -> out.append("note: ").append(n).append('\n'));
        out.append(noiseNote(c.noise())).append('\n');
        return out.toString();
    }

    private static String headline(Comparison c) {
        return switch (c.verdict()) {
            case EQUIVALENT -> "equivalent to the baseline";
            case IMPROVED -> "improved on the baseline";
            case CHANGED_WITHIN_GATE -> "worse than the baseline, within the gate";
            case REGRESSION -> "**regression**";
            case NOT_COMPARABLE -> "not comparable with the baseline";
        };
    }

    static String describeRuns(Comparison c) {
        RunSummary a = c.baseline();
        RunSummary b = c.candidate();
        return "Candidate `" + b.runId() + "` (commit `" + b.environment().shortCommit() + "`) against baseline `"
                + a.runId() + "` (commit `" + a.environment().shortCommit() + "`); scenario `"
                + b.environment().scenarioName() + "`; per-request figures at "
                + Text.load(c.referenceLoad(), a.environment().loadModel()) + ". Verdict: "
                + c.verdict().words() + ".";
    }

    private static String label(FigureChange f, Comparison c) {
        return f.figure().label();
    }

    private static String candidateCell(FigureChange f) {
        String cell = Text.withUnit(f.candidate(), f.figure().unit());
        if (!Double.isNaN(f.candidate()) && Math.abs(f.candidateAdjusted() - f.candidate()) > 1e-12)
            cell += " (" + Text.figure(f.candidateAdjusted()) + " at the baseline's host speed)";
        return cell;
    }

    private static void steps(Comparison c, StringBuilder md) {
        if (c.steps().isEmpty()) return;
        md.append("<details><summary>Steps</summary>\n\n");
        md.append("| step | load | throughput (req/s) | | p95 (ms) | |\n|---|---|---|---|---|---|\n");
        for (StepChange s : c.steps()) {
            md.append("| ")
                    .append(s.step())
                    .append(" | ")
                    .append(Text.figure(s.offered()))
                    .append(" | ")
                    .append(Text.figure(s.baselineThroughputRps()))
                    .append(" → ")
                    .append(Text.figure(s.candidateThroughputRps()))
                    .append(" | ")
                    .append(s.valid() ? s.throughput().words() : "invalid step")
                    .append(" | ")
                    .append(Text.figure(s.baselineP95Ms()))
                    .append(" → ")
                    .append(Text.figure(s.candidateP95Ms()))
                    .append(" | ")
                    .append(s.valid() ? s.p95().words() : "invalid step")
                    .append(" |\n");
        }
        md.append("\n</details>\n\n");
    }

    private static void notes(Comparison c, StringBuilder md) {
        List<String> notes = new ArrayList<>(c.comparability().notes());
        notes.add(noiseNote(c.noise()));
        notes.add("gate: " + c.gate().source() + "; a figure fails only when it moved further than its limit and"
                + " beyond the noise, " + Math.round(c.gate().confidence() * 1000) / 10.0 + " % sure over all the"
                + " figures judged together (Šidák: each one " + Text.percent(c.figureLevel()) + ")");
        md.append("<sub>");
        md.append(md(String.join(" · ", notes)));
        md.append("</sub>\n");
    }

    static String noiseNote(Noise n) {
        if (!n.known())
            return "noise: none measured for this scenario, so no change can be called noise; measure it with"
                    + " bench/noise.sh";
        return "noise: " + n.source() + " (" + n.runs().size() + " runs of " + n.scenario() + " at commit "
                + (n.gitCommit().length() > 10 ? n.gitCommit().substring(0, 10) : n.gitCommit()) + " on " + n.host()
                + (n.measuredAt().isEmpty()
                        ? ""
                        : ", "
                                + n.measuredAt()
                                        .substring(
                                                0, Math.min(10, n.measuredAt().length())))
                + ")";
    }

    /** Text made literal for Markdown: no HTML, no table breaks. */
    static String md(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("|", "\\|")
                .replace('\n', ' ');
    }

    public static Map<String, Object> json(Comparison c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdict", c.verdict().name().toLowerCase(java.util.Locale.ROOT));
        out.put("baseline", c.baseline().runId());
        out.put("candidate", c.candidate().runId());
        out.put("baseline_commit", c.baseline().environment().gitCommit());
        out.put("candidate_commit", c.candidate().environment().gitCommit());
        out.put("reference_load", c.referenceLoad());
        out.put("comparable", c.comparability().comparable());
        out.put("forced", c.forced());
        out.put("not_comparable_because", c.comparability().reasons());
        out.put("notes", c.comparability().notes());
        out.put("host_speed_ratio", c.comparability().hostSpeedRatio());
        out.put("host_speed_differs", c.comparability().hostSpeedDiffers());
        out.put("gate_failures", c.gateFailures());
        List<Map<String, Object>> figures = new ArrayList<>();
        for (FigureChange f : c.figures()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("figure", f.figure().key());
            m.put("unit", f.figure().unit());
            m.put("baseline", f.baseline());
            m.put("candidate", f.candidate());
            m.put("candidate_at_baseline_host_speed", f.candidateAdjusted());
            m.put("relative_change", f.relativeChange());
            m.put("noise_cv", f.noiseCv());
            m.put("noise_runs", f.noiseRuns());
            m.put("t", f.t());
            m.put("confidence", f.confidence());
            m.put("change", f.change().name().toLowerCase(java.util.Locale.ROOT));
            m.put("limit", f.limit());
            m.put("fails_gate", f.failsGate());
            figures.add(m);
        }
        out.put("figures", figures);
        out.put("steps", c.steps());
        out.put("recommendation_changes", c.recommendationChanges());
        out.put(
                "baseline_recommendation",
                c.baseline().recommendation().map(Recommendation::brief).orElse(null));
        out.put(
                "candidate_recommendation",
                c.candidate().recommendation().map(Recommendation::brief).orElse(null));
        out.put("new_error_findings", c.newErrorFindings());
        out.put("noise", noiseNote(c.noise()));
        out.put("gate", c.gate().source());
        return out;
    }
}
