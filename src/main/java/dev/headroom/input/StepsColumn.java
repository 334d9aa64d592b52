package dev.headroom.input;

import dev.headroom.metrics.StepsCsv;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The numeric columns of steps.csv that the reader checks, each with its unit and the range it
 * accepts: generous for a real system, refusing what only a shifted column, a unit mix-up or a
 * typing slip produces. The README's "Accepted ranges" table is made from these values (a test
 * compares them).
 */
enum StepsColumn {
    STEP(StepsCsv.STEP, "", 1, 100_000, true),
    CONCURRENCY(StepsCsv.CONCURRENCY, "requests", 0, 10_000_000, false),
    OFFERED_RPS(StepsCsv.OFFERED_RPS, "req/s", 0, 10_000_000, false),
    THROUGHPUT_RPS(StepsCsv.THROUGHPUT_RPS, "req/s", 0, 10_000_000, false),
    LATENCY_P50_MS(StepsCsv.LATENCY_P50_MS, "ms", 0, Limits.DAY_MS, false),
    LATENCY_P95_MS(StepsCsv.LATENCY_P95_MS, "ms", 0, Limits.DAY_MS, false),
    LATENCY_P99_MS(StepsCsv.LATENCY_P99_MS, "ms", 0, Limits.DAY_MS, false),
    LATENCY_MEAN_MS(StepsCsv.LATENCY_MEAN_MS, "ms", 0, Limits.DAY_MS, false),
    ERROR_RATIO(StepsCsv.ERROR_RATIO, "", 0, 1, false),
    APP_CPU_CORES(StepsCsv.APP_CPU_CORES, "cores", 0, Limits.CORES, false),
    DB_CPU_CORES(StepsCsv.DB_CPU_CORES, "cores", 0, Limits.CORES, false),
    HOST_CPU_IDLE_CORES(StepsCsv.HOST_CPU_IDLE_CORES, "cores", 0, Limits.CORES, false),
    POOL_ACTIVE_AVG(StepsCsv.POOL_ACTIVE_AVG, "connections", 0, Limits.POOL, false),
    POOL_PENDING_AVG(StepsCsv.POOL_PENDING_AVG, "threads", 0, Limits.POOL, false),
    POOL_MAX(StepsCsv.POOL_MAX, "connections", 0, Limits.POOL, false),
    CONN_ACQUIRE_MS_AVG(StepsCsv.CONN_ACQUIRE_MS_AVG, "ms", 0, Limits.HOUR_MS, false),
    CONN_USAGE_MS_AVG(StepsCsv.CONN_USAGE_MS_AVG, "ms", 0, Limits.HOUR_MS, false),
    TOMCAT_BUSY_THREADS_AVG(StepsCsv.TOMCAT_BUSY_THREADS_AVG, "threads", 0, 10_000_000, false),
    /** Stop-the-world pauses do not overlap, so a second holds at most 1000 ms of them. */
    GC_PAUSE_MS_PER_S(StepsCsv.GC_PAUSE_MS_PER_S, "ms/s", 0, 1000, false),
    APP_MEMORY_MIB_MAX(StepsCsv.APP_MEMORY_MIB_MAX, "MiB", 0, 4L * 1024 * 1024, false),
    /**
     * Statement time is summed over concurrent statements, so a second holds up to 1000 ms per
     * connection busy in the database: the bound is that of the largest pool.
     */
    DB_READ_MS_PER_S(StepsCsv.DB_READ_MS_PER_S, "ms/s", 0, 1000 * Limits.POOL, false),
    DB_WRITE_MS_PER_S(StepsCsv.DB_WRITE_MS_PER_S, "ms/s", 0, 1000 * Limits.POOL, false);

    /**
     * A plain decimal number: digits, optionally a point with digits after it, optionally an
     * exponent. Refuses what {@link Double#parseDouble} would also take: {@code 0x1.4p6}, {@code
     * 100d}, {@code 1f}, {@code NaN}, {@code Infinity}, a leading {@code +}, {@code .5}, {@code 5.}.
     * The minus sign is let through so that a negative is refused by the range, which says so.
     */
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    final String column;
    final String unit;
    final double min;
    final double max;
    final boolean whole;

    StepsColumn(String column, String unit, double min, double max, boolean whole) {
        this.column = column;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.whole = whole;
    }

    /** The accepted range in words, as the error messages and the README say it. */
    String accepted() {
        String range = (whole ? "a whole number from " : "") + plain(min) + " to " + plain(max);
        return unit.isEmpty() ? range : range + " " + unit;
    }

    /**
     * The cell's value, or NaN for an empty cell ("not measured"); a problem, naming the file, line
     * and column, is added to {@code problems} for a cell outside the grammar or the range.
     */
    double parse(String cell, String file, long line, List<String> problems) {
        if (cell.isEmpty()) return Double.NaN;
        if (!DECIMAL.matcher(cell).matches()) {
            String hint = cell.contains(",") ? "; a decimal comma? write " + cell.replace(',', '.') : "";
            problems.add(InputException.at(
                    file,
                    line,
                    column,
                    "'" + cell + "' is not a plain decimal number" + hint + "; accepted: digits with an optional"
                            + " '.' and exponent (12, 0.5, 1.5e3), " + accepted() + ", or an empty cell"
                            + " for \"not measured\""));
            return Double.NaN;
        }
        double v = Double.parseDouble(cell) + 0.0; // + 0.0 turns -0 into 0
        if (!(v >= min && v <= max)) {
            problems.add(InputException.at(
                    file, line, column, cell + " is outside the accepted range; accepted: " + accepted()));
            return Double.NaN;
        }
        if (whole && v != Math.rint(v)) {
            problems.add(
                    InputException.at(file, line, column, cell + " is not a whole number; accepted: " + accepted()));
            return Double.NaN;
        }
        return v;
    }

    /** Thousands grouped by spaces (10 000 000): a comma or a point could be read as a decimal point. */
    private static String plain(double v) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(' ');
        return new DecimalFormat("#,##0.####", symbols).format(v);
    }

    /** Bounds shared by several columns. */
    private static final class Limits {
        static final double DAY_MS = 86_400_000;
        static final double HOUR_MS = 3_600_000;
        static final double CORES = 1024;
        static final double POOL = 100_000;
    }
}
