package dev.headroom.results;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads a run's steps.csv back, by column name, as the tests check it. */
public final class StepsCsvFiles {
    private StepsCsvFiles() {}

    public static List<CSVRecord> read(Path runDir) throws IOException {
        try (Reader in = Files.newBufferedReader(runDir.resolve(RunDirectory.STEPS_CSV))) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .getRecords();
        }
    }
}
