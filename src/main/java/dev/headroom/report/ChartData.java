package dev.headroom.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.headroom.results.Json;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.Sizing;
import dev.headroom.sizing.Usl;
import dev.headroom.sizing.UslFitResult;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the report's charts draw, as the JSON blob the page's script reads: the steps in display
 * units (milliseconds, not the model's seconds), the USL curve sampled over and beyond the measured
 * range, and the marks. NaN becomes null (the {@link Json} convention), which Chart.js leaves out.
 *
 * @param usl the USL curve, only when the fit is {@link UslFitResult#drawable() drawable}
 * @param curveOnLoadAxis whether the USL curve shares the load axis (it needs concurrency)
 * @param serviceCpuBudgetCores the service's CPU budget in the test, a ceiling line on the CPU chart
 * @param poolSize the pool the service ran with, a ceiling line on the pool chart; 0 when unknown
 */
record ChartData(
        String title,
        Axis loadAxis,
        List<Step> steps,
        Optional<UslCurve> usl,
        boolean curveOnLoadAxis,
        Optional<Mark> capacityAtSlo,
        Optional<Mark> knee,
        Slo slo,
        double serviceCpuBudgetCores,
        int poolSize) {

    /** The curve runs this far beyond the highest measured load: far enough to see it bend, no further. */
    static final double CURVE_REACH = 1.5;

    /** Samples along the curve; enough for a smooth line at report size. */
    static final int CURVE_SAMPLES = 96;

    record Axis(String label, String unit) {}

    record Step(
            int step,
            double load,
            double throughputRps,
            double latencyP95Ms,
            double latencyP99Ms,
            double errorRatio,
            double appCpuCores,
            double dbCpuCores,
            double poolActiveAvg,
            double poolPendingAvg,
            boolean valid,
            String invalidReason,
            String phase) {}

    record UslCurve(
            double sigma,
            double kappa,
            double lambdaRps,
            double rSquared,
            int points,
            double measuredMinConcurrency,
            double measuredMaxConcurrency,
            List<CurvePoint> curve) {}

    /** One point of the fitted curve; {@code extrapolation} outside the measured concurrency range. */
    record CurvePoint(double concurrency, double throughputRps, boolean extrapolation) {}

    record Mark(int step, double load, double throughputRps) {}

    record Slo(double p95Ms, double p99Ms) {}

    static ChartData of(Sizing sizing, String title) {
        LoadAxis axis = LoadAxis.of(sizing.steps());
        List<Step> steps = sizing.steps().stream()
                .sorted(Comparator.comparingDouble(axis::of))
                .map(s -> step(s, axis))
                .toList();
        double maxLoad = steps.stream().mapToDouble(Step::load).max().orElse(0);
        return new ChartData(
                title,
                new Axis(axis.label(), axis.unit()),
                steps,
                // issue 12: a fit that explains less than 80 % of the throughput is no curve to read
                // a peak from (an R^2 0.33 "peak" once lay below a measured step); the decision still says it
                sizing.usl().filter(UslFitResult::drawable).map(fit -> curve(fit, maxLoad)),
                axis.carriesUslCurve(),
                sizing.capacity().atSlo().map(s -> mark(s, axis)),
                sizing.capacity().knee().map(s -> mark(s, axis)),
                new Slo(
                        sizing.request().slo().p95Seconds() * 1000,
                        sizing.request().slo().p99Seconds() * 1000),
                sizing.testBed().serviceCpuCores(),
                sizing.testBed().poolSize());
    }

    /**
     * The blob as it goes inside {@code <script type="application/json">}: an HTML parser ends a
     * script element at the first {@code </script}, whatever JSON thinks of it, so {@code <}, {@code >}
     * and {@code &} are written as {@code \}{@code u003C} escapes, which JSON.parse reads back unchanged.
     */
    String toScriptJson() {
        try {
            return SCRIPT_WRITER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the chart data of a sizing could not be written as JSON", e);
        }
    }

    private static final ObjectWriter SCRIPT_WRITER =
            Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).with(new ScriptSafeEscapes());

    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private final int[] asciiEscapes = standardAsciiEscapesForJSON();

        ScriptSafeEscapes() {
            for (char c : new char[] {'<', '>', '&'}) asciiEscapes[c] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return asciiEscapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    private static Step step(MeasuredStep s, LoadAxis axis) {
        return new Step(
                s.step(),
                axis.of(s),
                s.throughputRps(),
                s.latencyP95Seconds() * 1000,
                s.latencyP99Seconds() * 1000,
                s.errorRatio(),
                s.appCpuCores(),
                s.dbCpuCores(),
                s.poolActiveAvg(),
                s.poolPendingAvg(),
                s.valid(),
                s.invalidReason(),
                StepTable.phase(s));
    }

    private static Mark mark(MeasuredStep s, LoadAxis axis) {
        return new Mark(s.step(), axis.of(s), s.throughputRps());
    }

    /**
     * The fitted curve from zero to {@link #CURVE_REACH} times the highest load, sampled evenly,
     * with the measured range's ends as samples of their own so the solid and dashed parts meet.
     */
    static UslCurve curve(UslFitResult fit, double maxStepLoad) {
        Usl model = fit.model();
        double end = CURVE_REACH * Math.max(maxStepLoad, fit.measuredConcurrencyMax());
        TreeSet<Double> ns = new TreeSet<>(List.of(fit.measuredConcurrencyMin(), fit.measuredConcurrencyMax()));
        for (int i = 0; i <= CURVE_SAMPLES; i++) ns.add(end * i / CURVE_SAMPLES);
        List<CurvePoint> curve = ns.stream()
                .filter(n -> n >= 0 && n <= end)
                .map(n -> new CurvePoint(n, model.throughputAtConcurrency(n), fit.isExtrapolation(n)))
                .toList();
        return new UslCurve(
                model.sigma(),
                model.kappa(),
                model.lambda(),
                fit.rSquared(),
                fit.points(),
                fit.measuredConcurrencyMin(),
                fit.measuredConcurrencyMax(),
                curve);
    }
}
