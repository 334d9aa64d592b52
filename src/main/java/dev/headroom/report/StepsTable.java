package dev.headroom.report;

import dev.headroom.sizing.MeasuredStep;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads steps.csv, Headroom's interchange format, into the sizer's steps: Headroom's own runs and
 * any other tool's table with the same column names. Only throughput_rps and one of concurrency or
 * offered_rps are required; an absent column or an empty cell is "not measured". Units are
 * converted here, at the edge: milliseconds in the file, seconds in the model.
 */
public final class StepsTable {
    /** Fewer steps than this say nothing about how throughput responds to load. */
    public static final int MIN_STEPS = 2;

    private static final String NUMBER = "a finite number >= 0, or an empty cell for \"not measured\"";

    private StepsTable() {}

    public static List<MeasuredStep> read(Path csv) {
        String file = csv.toString();
        if (!Files.isRegularFile(csv)) throw new InputException(file + ": no such file");
        try (Reader in = Files.newBufferedReader(csv);
                CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .setTrim(true)
                        .setIgnoreEmptyLines(true)
                        .get()
                        .parse(in)) {
            Map<String, Integer> header = parser.getHeaderMap();
            List<String> problems = new ArrayList<>();
            if (!header.containsKey("throughput_rps"))
                problems.add(InputException.at(
                        file, 1, "throughput_rps", "required column missing; the header has " + header.keySet()));
            if (!header.containsKey("concurrency") && !header.containsKey("offered_rps"))
                problems.add(InputException.at(
                        file,
                        1,
                        "concurrency",
                        "needs a concurrency or an offered_rps column" + " (the load axis); the header has "
                                + header.keySet()));
            if (!problems.isEmpty()) throw new InputException(problems);
            List<MeasuredStep> steps = new ArrayList<>();
            for (CSVRecord r : parser) {
                Row row = new Row(file, r, problems);
                MeasuredStep s = row.toStep(steps.size() + 1);
                if (s != null) steps.add(s);
            }
            if (!problems.isEmpty()) throw new InputException(problems);
            if (steps.size() < MIN_STEPS)
                throw new InputException(InputException.at(
                        file,
                        0,
                        "steps",
                        steps.size() + " step(s); at least " + MIN_STEPS
                                + " are needed to see how throughput responds to load"));
            return steps;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            if (e instanceof InputException ie) throw ie;
            throw new InputException(file + ": not a readable CSV table: " + e.getMessage());
        }
    }

    /** One record, read cell by cell, every problem collected with its line. */
    private record Row(String file, CSVRecord record, List<String> problems) {
        long line() {
            return record.getRecordNumber() + 1; // the header is line 1
        }

        MeasuredStep toStep(int ordinal) {
            int before = problems.size();
            double stepNo = number("step");
            double concurrency = number("concurrency");
            double offered = number("offered_rps");
            double throughput = number("throughput_rps");
            if (Double.isNaN(throughput) && problems.size() == before)
                problems.add(
                        InputException.at(file, line(), "throughput_rps", "empty; every step needs its throughput"));
            if (Double.isNaN(concurrency) && Double.isNaN(offered) && problems.size() == before)
                problems.add(InputException.at(
                        file, line(), "concurrency", "empty, and so is offered_rps; a step needs one"));
            double mean = number("latency_mean_ms") / 1000;
            double p95 = number("latency_p95_ms") / 1000;
            double p99 = number("latency_p99_ms") / 1000;
            double errors = number("error_ratio");
            if (errors > 1)
                problems.add(InputException.at(file, line(), "error_ratio", errors + " is above 1; a ratio in [0, 1]"));
            double app = number("app_cpu_cores");
            double db = number("db_cpu_cores");
            double active = number("pool_active_avg");
            double pending = number("pool_pending_avg");
            double acquire = number("conn_acquire_ms_avg") / 1000;
            double hold = number("conn_usage_ms_avg") / 1000;
            double memory = number("app_memory_mib_max");
            double poolMax = number("pool_max");
            double threads = number("tomcat_busy_threads_avg");
            double gcPause = number("gc_pause_ms_per_s") / 1000;
            double hostIdle = number("host_cpu_idle_cores");
            boolean valid = bool("valid");
            String reason = text("invalid_reason");
            if (problems.size() > before) return null;
            return new MeasuredStep(
                    Double.isNaN(stepNo) ? ordinal : (int) stepNo,
                    concurrency,
                    offered,
                    throughput,
                    mean,
                    p95,
                    p99,
                    errors,
                    app,
                    db,
                    active,
                    pending,
                    acquire,
                    hold,
                    memory, poolMax, threads, gcPause, hostIdle,
                    valid,
                    reason);
        }

        String text(String column) {
            return record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
        }

        double number(String column) {
            String cell = text(column);
            if (cell.isEmpty()) return Double.NaN;
            double v;
            try {
                v = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                problems.add(InputException.at(file, line(), column, "'" + cell + "' is not a number; " + NUMBER));
                return Double.NaN;
            }
            if (Double.isNaN(v) || Double.isInfinite(v) || v < 0) {
                problems.add(InputException.at(file, line(), column, "'" + cell + "' is not accepted; " + NUMBER));
                return Double.NaN;
            }
            return v;
        }

        boolean bool(String column) {
            String cell = text(column).toLowerCase(Locale.ROOT);
            if (cell.isEmpty() || cell.equals("true")) return true;
            if (cell.equals("false")) return false;
            problems.add(InputException.at(file, line(), column, "'" + cell + "' is not true or false (empty = true)"));
            return true;
        }
    }
}
