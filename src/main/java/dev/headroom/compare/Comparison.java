package dev.headroom.compare;

import dev.headroom.history.Recommendation;
import dev.headroom.history.RunSummary;
import dev.headroom.history.RunSummary.FindingRecord;
import dev.headroom.sizing.MeasuredStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A candidate run set against a baseline run: whether they can be compared at all, how each
 * headline figure and each step moved, whether the sizing's recommendation changed, which error
 * findings are new, and the gate's verdict.
 */
public record Comparison(
        RunSummary baseline,
        RunSummary candidate,
        Comparability comparability,
        boolean forced,
        Noise noise,
        Gate gate,
        double referenceLoad,
        double figureLevel,
        List<FigureChange> figures,
        List<StepChange> steps,
        List<String> recommendationChanges,
        List<FindingRecord> newErrorFindings,
        List<String> gateFailures,
        Verdict verdict) {

    /** Marks a recommendation change made while every figure it rests on stayed within its noise. */
    public static final String RECOMMENDATION_WITHIN_NOISE = "within noise (every figure did): ";

    /** The comparison's answer, and the command's exit code with it. */
    public enum Verdict {
        EQUIVALENT("equivalent: every difference is within the run-to-run noise or the gate"),
        IMPROVED("improved: figures moved the good way beyond the noise, none the bad way"),
        CHANGED_WITHIN_GATE(
                "changed within the gate: a figure moved the bad way beyond the noise, but less than" + " its limit"),
        REGRESSION("regression: the gate failed"),
        NOT_COMPARABLE("not comparable: the runs measured different things");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * @param force compare runs that are not alike anyway (the verdict then says so loudly)
     */
    public static Comparison of(RunSummary base, RunSummary cand, Noise noise, Gate gate, boolean force) {
        double reference = Double.isNaN(gate.referenceLoad()) ? base.figures().referenceLoad() : gate.referenceLoad();
        RunSummary a = base.atReference(reference);
        RunSummary b = cand.atReference(reference);
        Comparability comparability = Comparability.of(a, b, noise, gate.confidence());
        boolean judge = comparability.comparable() || force;
        List<FigureChange> figures = new ArrayList<>();
        List<StepChange> steps = new ArrayList<>();
        List<String> planChanges = new ArrayList<>();
        List<FindingRecord> newErrors = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        double level = gate.confidence();
        if (judge) {
            double ratio = comparability.hostSpeedDiffers() ? comparability.hostSpeedRatio() : 1;
            // capacity and max throughput are read over the valid steps: when the runs' valid steps differ
            // (a step of one was invalid: the host, not the service, was the limit), they are not alike
            Set<Integer> validA = validSteps(a);
            Set<Integer> validB = validSteps(b);
            boolean searches = a.isSearch() && b.isSearch();
            boolean sameValid = validA.equals(validB);
            if (!sameValid && !searches)
                comparability = comparability.withNote("capacity, knee and max throughput not compared: the valid"
                        + " steps differ (" + a.runId() + ": " + validA + ", " + b.runId() + ": " + validB + ")");
            java.util.function.Predicate<Figure> compared = f -> sameValid || !f.overValidSteps();
            if (searches) {
                SearchFigures only = SearchFigures.of(a, b);
                for (String note : only.notes()) comparability = comparability.withNote(note);
                compared = only.compared()::contains;
            }
            int judged = (int) java.util.Arrays.stream(Figure.values())
                    .filter(compared)
                    .filter(f -> FigureChange.judgeable(f, f.of(a), f.of(b), noise))
                    .count();
            level = Significance.perJudgement(gate.confidence(), judged);
            for (Figure f : Figure.values()) {
                double cv = compared.test(f) ? f.of(b) : Double.NaN;
                figures.add(
                        FigureChange.of(f, f.of(a), cv, f.scalesWithHostSpeed() ? cv * ratio : cv, noise, gate, level));
            }
            // a search's trials are at rates each search chose, in trial order: no step pairs with another
            if (!searches && !a.isSearch() && !b.isSearch()) {
                int stepJudgements = 2 * Math.min(a.steps().size(), b.steps().size());
                steps.addAll(steps(a, b, noise, Significance.perJudgement(gate.confidence(), stepJudgements)));
            }
            List<String> moved = recommendationChanges(a, b);
            // Every figure the sizing rests on within its noise: the recommendation flipped on noise
            // (pool 2 <-> 3 between two nights of one build), which is not a change of the build.
            // Judged: some figure within its known noise, none beyond it either way, and no gated
            // figure left unjudged (an ungated one without noise, the knee, says nothing either way).
            boolean onNoise = !moved.isEmpty()
                    && figures.stream().anyMatch(f -> f.change() == Change.NOISE)
                    && figures.stream().noneMatch(f -> f.change() == Change.WORSE || f.change() == Change.BETTER)
                    && figures.stream().noneMatch(f -> f.change() == Change.UNJUDGED && !Double.isNaN(f.limit()));
            moved.forEach(m -> planChanges.add(onNoise ? RECOMMENDATION_WITHIN_NOISE + m : m));
            for (FigureChange f : figures) {
                if (f.beyondLimitUnjudged())
                    comparability = comparability.withNote(String.format(
                            Locale.ROOT,
                            "%s %s by %.1f %%, beyond its %s %% limit, but its run-to-run noise is unknown: reported,"
                                    + " not failed on (measure it with bench/noise.sh, or let three nights of one"
                                    + " commit accumulate)",
                            f.figure().label(),
                            f.figure().higherIsBetter() ? "dropped" : "rose",
                            Math.abs(f.relativeChange()) * 100,
                            Gate.trim(f.limit() * 100)));
                double effective = f.effectiveLimit(level);
                if (!Double.isNaN(effective) && effective > f.limit())
                    comparability = comparability.withNote(String.format(
                            Locale.ROOT,
                            "%s: at its noise (cv %.1f %% over %d runs) only a move beyond %.0f %% is %.1f %% sure, more"
                                    + " than its %s %% limit: it fails only beyond %.0f %%",
                            f.figure().label(),
                            f.noiseCv() * 100,
                            f.noiseRuns(),
                            effective * 100,
                            level * 100,
                            Gate.trim(f.limit() * 100),
                            effective * 100));
            }
            Set<String> before = a.findings().stream()
                    .filter(FindingRecord::isError)
                    .map(FindingRecord::code)
                    .collect(Collectors.toSet());
            b.findings().stream()
                    .filter(f -> f.isError() && !before.contains(f.code()))
                    .forEach(newErrors::add);
            figures.stream().filter(FigureChange::failsGate).forEach(f -> failures.add(failure(f)));
            if (gate.failOnNewErrorFindings())
                newErrors.forEach(f -> failures.add("new error finding " + f.code() + ": " + f.message()));
            if (gate.failOnRecommendationChange()
                    && planChanges.stream().anyMatch(m -> !m.startsWith(RECOMMENDATION_WITHIN_NOISE)))
                failures.add("the recommendation changed: " + String.join("; ", planChanges));
        }
        Verdict verdict;
        if (!comparability.comparable() && !force) verdict = Verdict.NOT_COMPARABLE;
        else if (!failures.isEmpty()) verdict = Verdict.REGRESSION;
        else if (figures.stream().anyMatch(f -> f.change() == Change.WORSE)) verdict = Verdict.CHANGED_WITHIN_GATE;
        else if (figures.stream().anyMatch(f -> f.change() == Change.BETTER)) verdict = Verdict.IMPROVED;
        else verdict = Verdict.EQUIVALENT;
        return new Comparison(
                a,
                b,
                comparability,
                force,
                noise,
                gate,
                reference,
                level,
                figures,
                steps,
                planChanges,
                newErrors,
                failures,
                verdict);
    }

    private static Set<Integer> validSteps(RunSummary r) {
        return r.steps().stream()
                .filter(MeasuredStep::valid)
                .map(MeasuredStep::step)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static String failure(FigureChange f) {
        String sure = Double.isNaN(f.confidence())
                ? "no noise measured, so the limit alone decides"
                : String.format(Locale.ROOT, "%.1f %% sure, %.1f× the noise", f.confidence() * 100, Math.abs(f.t()));
        return String.format(
                Locale.ROOT,
                "%s %s by %.1f %% (%s → %s %s), more than the %s %% allowed (%s)",
                f.figure().label(),
                f.figure().higherIsBetter() ? "dropped" : "rose",
                Math.abs(f.relativeChange()) * 100,
                Text.figure(f.baseline()),
                Text.figure(f.candidateAdjusted()),
                f.figure().unit(),
                Gate.trim(f.limit() * 100),
                sure);
    }

    private static List<StepChange> steps(RunSummary a, RunSummary b, Noise noise, double confidence) {
        List<StepChange> out = new ArrayList<>();
        int n = Math.min(a.steps().size(), b.steps().size());
        for (int i = 0; i < n; i++) {
            MeasuredStep x = a.steps().get(i);
            MeasuredStep y = b.steps().get(i);
            boolean valid = x.valid() && y.valid();
            double xp = x.latencyP95Seconds() * 1000;
            double yp = y.latencyP95Seconds() * 1000;
            out.add(new StepChange(
                    x.step(),
                    Double.isNaN(x.offeredRps()) ? x.load() : x.offeredRps(),
                    x.throughputRps(),
                    y.throughputRps(),
                    valid
                            ? StepChange.judge(
                                    x.throughputRps(),
                                    y.throughputRps(),
                                    true,
                                    noise,
                                    Figure.STEP_THROUGHPUT,
                                    confidence)
                            : Change.NOT_MEASURED,
                    xp,
                    yp,
                    valid ? StepChange.judge(xp, yp, false, noise, Figure.STEP_P95, confidence) : Change.NOT_MEASURED,
                    valid));
        }
        return out;
    }

    private static List<String> recommendationChanges(RunSummary a, RunSummary b) {
        if (a.recommendation().isPresent() && b.recommendation().isPresent())
            return b.recommendation().get().changesFrom(a.recommendation().get());
        if (a.recommendation().isPresent())
            return List.of(
                    "the baseline recommended " + a.recommendation().get().brief()
                            + "; the candidate has no recommendation (sizing " + b.sizingStatus() + ")");
        if (b.recommendation().isPresent())
            return List.of("the candidate recommends "
                    + b.recommendation().map(Recommendation::brief).orElseThrow() + "; the baseline had none (sizing "
                    + a.sizingStatus() + ")");
        return List.of();
    }
}
