package dev.headroom.input;

import static dev.headroom.input.StepsColumn.*;

import dev.headroom.metrics.StepsCsv;
import dev.headroom.scenario.SearchPhase;
import dev.headroom.sizing.MeasuredStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 *
 * <p>Strict, because a value read into the wrong figure sizes the wrong system: the file must be
 * UTF-8, every column named once, every row as wide as the header (a decimal comma makes it wider
 * and shifts every later value), every step number once, and every number plain decimal and in
 * its {@link StepsColumn range}. All problems are reported together, each as {@code
 * file:line: column: what is wrong; what is accepted}.
 */
public final class StepsTable {
    /** Fewer steps than this say nothing about how throughput responds to load. */
    public static final int MIN_STEPS = 2;

    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();

    private StepsTable() {}

    public static List<MeasuredStep> read(Path csv) {
        String file = csv.toString();
        if (!Files.isRegularFile(csv)) throw new InputException(file + ": no such file");
        try {
            Utf8File text = Utf8File.read(csv, file);
            try (CSVParser parser = CSVParser.parse(text.text(), FORMAT)) {
                return steps(file, text, parser.getRecords());
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            if (e instanceof InputException ie) throw ie;
            throw new InputException(file + ": not a readable CSV table: " + e.getMessage());
        }
    }

    private static List<MeasuredStep> steps(String file, Utf8File text, List<CSVRecord> records) {
        if (records.isEmpty()) throw new InputException(file + ": empty; a header row and a row per step are needed");
        Map<String, Integer> header = header(file, text.lineAt(records.get(0).getCharacterPosition()), records.get(0));
        List<String> problems = new ArrayList<>();
        List<TrialRoles.Read> read = new ArrayList<>();
        Map<Integer, Long> lineOfStep = new HashMap<>();
        for (CSVRecord r : records.subList(1, records.size())) {
            long line = text.lineAt(r.getCharacterPosition());
            if (r.size() != header.size()) {
                problems.add(InputException.at(file, line, "row", width(r.size(), header.size())));
                continue;
            }
            TrialRoles.Read s = new Row(file, line, header, r, problems).toStep(read.size() + 1);
            if (s == null) continue;
            Long earlier = lineOfStep.putIfAbsent(s.step().step(), line);
            if (earlier != null)
                problems.add(InputException.at(
                        file,
                        line,
                        STEP.column,
                        "step " + s.step().step() + " again, already on line " + earlier + "; each step number once"));
            else read.add(s);
        }
        if (!problems.isEmpty()) throw new InputException(problems);
        List<MeasuredStep> steps = TrialRoles.assign(read);
        if (steps.size() < MIN_STEPS)
            throw new InputException(InputException.at(
                    file,
                    0,
                    "steps",
                    steps.size() + " step(s); at least " + MIN_STEPS
                            + " are needed to see how throughput responds to load"));
        return steps;
    }

    /** Column name to index; refuses an unnamed or repeated column and a missing required one. */
    private static Map<String, Integer> header(String file, long line, CSVRecord names) {
        Map<String, Integer> header = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Integer earlier = header.putIfAbsent(name, i);
            if (name.isEmpty())
                problems.add(InputException.at(
                        file, line, "column " + (i + 1), "has no name (a trailing comma?); every column needs a name"));
            else if (earlier != null)
                problems.add(InputException.at(
                        file,
                        line,
                        name,
                        "named twice in the header (columns " + (earlier + 1) + " and " + (i + 1)
                                + "); each column once"));
        }
        if (!header.containsKey(THROUGHPUT_RPS.column))
            problems.add(InputException.at(
                    file, line, THROUGHPUT_RPS.column, "required column missing; the header has " + header.keySet()));
        if (!header.containsKey(CONCURRENCY.column) && !header.containsKey(OFFERED_RPS.column))
            problems.add(InputException.at(
                    file,
                    line,
                    CONCURRENCY.column,
                    "needs a concurrency or an offered_rps column (the load axis); the header has " + header.keySet()));
        if (!problems.isEmpty()) throw new InputException(problems);
        return header;
    }

    private static String width(int fields, int columns) {
        return "row has " + fields + " fields, the header has " + columns
                + (fields > columns
                        ? "; a decimal comma? write 0.5, not 0,5 (or quote the cell)"
                        : "; every column needs its cell, empty for \"not measured\"");
    }

    /** One record, read cell by cell, every problem collected with its line. */
    private record Row(String file, long line, Map<String, Integer> header, CSVRecord record, List<String> problems) {
        TrialRoles.Read toStep(int ordinal) {
            int before = problems.size();
            SearchPhase phase = phase();
            double steadyS = phase == SearchPhase.BISECT || phase == SearchPhase.CONFIRM || phase == SearchPhase.REPEAT
                    ? steadySeconds()
                    : Double.NaN;
            double stepNo = number(STEP);
            double concurrency = number(CONCURRENCY);
            double offered = number(OFFERED_RPS);
            double throughput = number(THROUGHPUT_RPS);
            if (Double.isNaN(throughput) && problems.size() == before)
                problems.add(
                        InputException.at(file, line, THROUGHPUT_RPS.column, "empty; every step needs its throughput"));
            if (Double.isNaN(concurrency) && Double.isNaN(offered) && problems.size() == before)
                problems.add(InputException.at(
                        file, line, CONCURRENCY.column, "empty, and so is offered_rps; a step needs one"));
            number(LATENCY_P50_MS); // checked, not used by the sizer
            MeasuredStep.Builder step = MeasuredStep.builder(Double.isNaN(stepNo) ? ordinal : (int) stepNo)
                    .concurrency(concurrency)
                    .offeredRps(offered)
                    .throughputRps(throughput)
                    .latencyMeanSeconds(number(LATENCY_MEAN_MS) / 1000)
                    .latencyP95Seconds(number(LATENCY_P95_MS) / 1000)
                    .latencyP99Seconds(number(LATENCY_P99_MS) / 1000)
                    .errorRatio(number(ERROR_RATIO))
                    .appCpuCores(number(APP_CPU_CORES))
                    .dbCpuCores(number(DB_CPU_CORES))
                    .poolActiveAvg(number(POOL_ACTIVE_AVG))
                    .poolPendingAvg(number(POOL_PENDING_AVG))
                    .connAcquireSeconds(number(CONN_ACQUIRE_MS_AVG) / 1000)
                    .connHoldSeconds(number(CONN_USAGE_MS_AVG) / 1000)
                    .appMemoryMib(number(APP_MEMORY_MIB_MAX))
                    // for the bottleneck diagnosis
                    .poolMax(number(POOL_MAX))
                    .requestThreadsBusyAvg(number(TOMCAT_BUSY_THREADS_AVG))
                    .gcPauseSecondsPerSecond(number(GC_PAUSE_MS_PER_S) / 1000)
                    .hostIdleCores(number(HOST_CPU_IDLE_CORES))
                    // for the read-replica decision of a system
                    .dbReadSecondsPerSecond(number(DB_READ_MS_PER_S) / 1000)
                    .dbWriteSecondsPerSecond(number(DB_WRITE_MS_PER_S) / 1000)
                    .validity(bool(StepsCsv.VALID), text(StepsCsv.INVALID_REASON));
            if (problems.size() > before) return null;
            return new TrialRoles.Read(step.build(), phase, steadyS);
        }

        /** The phase cell, through its one owner; a missing column or a blank cell is a staircase step. */
        SearchPhase phase() {
            try {
                return SearchPhase.fromCsv(text(StepsCsv.PHASE));
            } catch (IllegalArgumentException e) {
                problems.add(InputException.at(
                        file,
                        line,
                        StepsCsv.PHASE,
                        "'" + text(StepsCsv.PHASE) + "' is not a phase; accepted: " + TrialRoles.ACCEPTED
                                + ", or an empty cell (a staircase step)"));
                return SearchPhase.STEP;
            }
        }

        /**
         * The steady window's length in seconds, from steady_start and steady_end (ISO-8601 instants);
         * NaN when either is absent. Read only for the phases whose length the sizer needs to know.
         */
        double steadySeconds() {
            String start = text(StepsCsv.STEADY_START);
            String end = text(StepsCsv.STEADY_END);
            if (start.isEmpty() || end.isEmpty()) return Double.NaN;
            try {
                double s = Duration.between(Instant.parse(start), Instant.parse(end))
                                .toMillis()
                        / 1000.0;
                if (s > 0) return s;
                problems.add(InputException.at(
                        file, line, StepsCsv.STEADY_END, end + " is not after steady_start " + start));
            } catch (DateTimeParseException e) {
                problems.add(InputException.at(
                        file,
                        line,
                        StepsCsv.STEADY_START,
                        "'" + start + "' to '" + end + "' is not a pair of ISO-8601 instants"
                                + " (2026-12-03T19:00:00Z)"));
            }
            return Double.NaN;
        }

        String text(String column) {
            Integer i = header.get(column);
            return i == null ? "" : record.get(i);
        }

        double number(StepsColumn c) {
            return c.parse(text(c.column), file, line, problems);
        }

        boolean bool(String column) {
            String cell = text(column).toLowerCase(Locale.ROOT);
            if (cell.isEmpty() || cell.equals("true")) return true;
            if (cell.equals("false")) return false;
            problems.add(InputException.at(file, line, column, "'" + cell + "' is not true or false (empty = true)"));
            return true;
        }
    }
}
