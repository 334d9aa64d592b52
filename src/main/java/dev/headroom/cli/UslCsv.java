package dev.headroom.cli;

import dev.headroom.sizing.UslPoint;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the points of a USL fit from a CSV file with a header line naming the columns
 * {@code concurrency} and {@code throughput} (others are ignored). Every mistake is reported with
 * the file, line and column, and what would have been accepted there: a user fixes a file faster
 * from "line 7, column throughput" than from a stack trace.
 */
final class UslCsv {
    static final String CONCURRENCY = "concurrency";
    static final String THROUGHPUT = "throughput";

    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private UslCsv() {}

    /** A file that cannot be read as points; the message names the place and what is accepted. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }

    static List<UslPoint> read(Path file) throws BadInput {
        try (Reader reader = Files.newBufferedReader(file);
                CSVParser parser = FORMAT.parse(reader)) {
            requireColumns(file, parser.getHeaderNames());
            List<UslPoint> points = new ArrayList<>();
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                double concurrency = number(file, line, row, CONCURRENCY, false);
                double throughput = number(file, line, row, THROUGHPUT, true);
                points.add(UslPoint.atConcurrency(concurrency).throughput(throughput));
            }
            return points;
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such file");
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports malformed quoting and a bad header as unchecked exceptions
            throw new BadInput(file + ": cannot be read as CSV: " + e.getMessage());
        }
    }

    private static void requireColumns(Path file, List<String> header) throws BadInput {
        for (String column : List.of(CONCURRENCY, THROUGHPUT)) {
            if (!header.contains(column)) {
                throw new BadInput(file + " line 1: no column '" + column + "' in the header "
                        + (header.isEmpty() ? "(the file is empty)" : "(found: " + String.join(", ", header) + ")")
                        + "; expected a header line naming " + CONCURRENCY + "," + THROUGHPUT);
            }
        }
    }

    /** A finite number, > 0 for concurrency and >= 0 for throughput. */
    private static double number(Path file, long line, CSVRecord row, String column, boolean zeroAllowed)
            throws BadInput {
        String accepted = "expected a finite number " + (zeroAllowed ? ">= 0" : "> 0");
        String where = file + " line " + line + ", column " + column + ": ";
        if (!row.isSet(column)) throw new BadInput(where + "missing (the row is short); " + accepted);
        String cell = row.get(column).strip();
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new BadInput(where + "'" + cell + "' is not a number; " + accepted);
        }
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0 || (value == 0 && !zeroAllowed)) {
            throw new BadInput(where + "'" + cell + "' is not accepted; " + accepted);
        }
        return value;
    }
}
