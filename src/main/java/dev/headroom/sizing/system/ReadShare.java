package dev.headroom.sizing.system;

import dev.headroom.sizing.Finding;
import dev.headroom.sizing.FindingCode;
import dev.headroom.sizing.MeasuredStep;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The share of a service's database work that is reads, which a read replica could take off the
 * writer, and where it came from: measured, when the service's run recorded the database's own
 * read and write statement time (steps.csv {@value #READ_COLUMN}, {@value #WRITE_COLUMN}); else as
 * the system file declares it; else none (all of its work stays on the writer).
 *
 * @param share reads / (reads + writes), in [0, 1]; NaN when neither measured nor declared
 * @param basis where it came from, as the plan and the report say it
 * @param step the step it was measured at; 0 when not measured
 * @param finding a note when the declared share disagrees with the measured one
 */
public record ReadShare(double share, String basis, int step, Optional<Finding> finding) {

    /** steps.csv's columns, spelled here because the model depends on nothing; a test holds them to StepsCsv. */
    static final String READ_COLUMN = "db_read_ms_per_s";

    static final String WRITE_COLUMN = "db_write_ms_per_s";

    /** Percentage points by which a declared share may differ from the measured one unremarked. */
    static final double DISAGREEMENT_POINTS = 10;

    static final String NOT_DECLARED = "not declared: all of its database work is counted on the writer";

    /**
     * Measured at the valid step with the highest throughput that has both figures and some database
     * time: the step nearest the peak the database is sized for. A measurement wins over a
     * declaration, which is a belief about the mix.
     *
     * @param declared the system file's {@code read_share_pct} / 100, NaN when not declared
     */
    static ReadShare of(String service, List<MeasuredStep> steps, double declared) {
        Optional<MeasuredStep> measured = steps.stream()
                .filter(MeasuredStep::valid)
                .filter(s -> s.dbReadSecondsPerSecond() >= 0 && s.dbWriteSecondsPerSecond() >= 0)
                .filter(s -> s.dbReadSecondsPerSecond() + s.dbWriteSecondsPerSecond() > 0)
                .max(Comparator.comparingDouble(MeasuredStep::throughputRps));
        if (measured.isEmpty()) {
            String basis = Double.isNaN(declared)
                    ? NOT_DECLARED
                    : String.format("%.0f %% declared in the system file (not measured)", declared * 100);
            return new ReadShare(declared, basis, 0, Optional.empty());
        }
        MeasuredStep at = measured.get();
        double read = at.dbReadSecondsPerSecond();
        double share = read / (read + at.dbWriteSecondsPerSecond());
        String basis = "measured (steps.csv " + READ_COLUMN + ", " + WRITE_COLUMN + " at step " + at.step() + ")";
        Optional<Finding> finding = Optional.empty();
        if (!Double.isNaN(declared) && Math.abs(declared - share) * 100 > DISAGREEMENT_POINTS) {
            finding = Optional.of(Finding.warning(
                    FindingCode.READ_SHARE_DECLARED_DIFFERS,
                    String.format(
                            "%s: read_share_pct %.0f %% is declared, but its run measured %.0f %% of its database"
                                    + " time in reads (%.1f ms/s reads, %.1f ms/s writes at step %d); the measured"
                                    + " share is used. Is the run's mix of requests the production mix?",
                            service,
                            declared * 100,
                            share * 100,
                            read * 1000,
                            at.dbWriteSecondsPerSecond() * 1000,
                            at.step())));
        }
        return new ReadShare(share, basis, at.step(), finding);
    }
}
