package dev.headroom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.headroom.results.Json;
import dev.headroom.sizing.Usl;
import dev.headroom.sizing.UslFit;
import dev.headroom.sizing.UslFitResult;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom usl FILE.csv [--json]}: the Universal Scalability Law fitted to measured steps. */
@Command(
        name = "usl",
        description = {
            "Fits the Universal Scalability Law X(N) = lambda*N / (1 + sigma*(N-1) + kappa*N*(N-1)) to measured"
                    + " throughput, with sigma, kappa >= 0, and prints the coefficients, the peak concurrency N*"
                    + " and the maximum throughput X(N*).",
            "The CSV needs a header line with the columns concurrency (> 0) and throughput (>= 0), one row per"
                    + " measured step, at least " + UslFit.MIN_POINTS + " rows; other columns are ignored.",
            "Exit codes: 0 fitted, 2 bad input (the message names file, line and column)."
        })
public final class UslCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int BAD_INPUT = 2;

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "Measured steps: concurrency,throughput.")
    Path csv;

    @Option(
            names = "--json",
            description = "Print a JSON object (sigma, kappa, lambda, peak_concurrency, max_throughput,"
                    + " r_squared, points) instead of text; an infinite value is null.")
    boolean json;

    // no -V: the version is the top command's to print
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        UslFitResult fit;
        try {
            fit = UslFit.fit(UslCsv.read(csv));
        } catch (UslCsv.BadInput e) {
            err.println("usl: " + e.getMessage());
            return BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("usl: " + csv + ": " + e.getMessage());
            return BAD_INPUT;
        }
        out.print(json ? Json.MAPPER.writeValueAsString(asJson(fit)) + "\n" : asText(fit));
        out.flush();
        return OK;
    }

    /** The keys are a contract with scripts: add, never rename. */
    static Map<String, Object> asJson(UslFitResult fit) {
        Usl model = fit.model();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sigma", model.sigma());
        fields.put("kappa", model.kappa());
        fields.put("lambda", model.lambda());
        fields.put("peak_concurrency", model.peakConcurrency());
        fields.put("max_throughput", model.maxThroughput());
        fields.put("r_squared", fit.rSquared());
        fields.put("points", fit.points());
        return fields;
    }

    private String asText(UslFitResult fit) {
        Usl model = fit.model();
        double peak = model.peakConcurrency();
        String beyond = fit.isExtrapolation(peak) ? "  (extrapolated: measured " + range(fit) + ")" : "";
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT, "USL fit of %d points from %s, concurrency %s%n", fit.points(), csv, range(fit)));
        line(text, "sigma (contention)", number(model.sigma()), bound(fit.sigmaClamped()));
        line(text, "kappa (coherency)", number(model.kappa()), bound(fit.kappaClamped()));
        line(text, "lambda (throughput per unit)", number(model.lambda()), "");
        line(text, "peak concurrency N*", number(peak), Double.isInfinite(peak) ? "  (kappa = 0: no peak)" : beyond);
        line(text, "max throughput X(N*)", number(model.maxThroughput()), Double.isInfinite(peak) ? "" : beyond);
        line(
                text,
                "R^2",
                Double.isNaN(fit.rSquared()) ? "undefined" : String.format(Locale.ROOT, "%.4f", fit.rSquared()),
                "");
        line(text, "RMSE (throughput unit)", number(fit.throughputRmse()), "");
        return text.toString();
    }

    private static void line(StringBuilder text, String name, String value, String note) {
        text.append(String.format(Locale.ROOT, "  %-30s %s%s%n", name, value, note));
    }

    private static String bound(boolean clamped) {
        return clamped ? "  (held at its bound 0: the free fit made it negative)" : "";
    }

    private static String range(UslFitResult fit) {
        return number(fit.measuredConcurrencyMin()) + " to " + number(fit.measuredConcurrencyMax());
    }

    private static String number(double value) {
        if (Double.isNaN(value)) return "undefined";
        if (Double.isInfinite(value)) return "infinite";
        // six significant digits, without the trailing zeros of %g: "1" and "0.000769094"
        return new BigDecimal(value)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }
}
