package dev.headroom.scenario;

/**
 * Why a step was run: the value set of steps.csv's {@code phase} column. One owner for the names,
 * so the writer and every reader spell them alike.
 */
public enum SearchPhase {
    /** A fixed step of a staircase scenario (not produced by the search; the value for every step of a staircase run). */
    STEP("step"),
    /** Doubling (or halving) from the start rate until a pass and a fail bracket the capacity; short trials. */
    PROBE("probe"),
    /** The midpoint of the bracket, until its relative width is within the precision; short trials. */
    BISECT("bisect"),
    /** A full-length trial at the highest rate that passed a short trial. */
    CONFIRM("confirm"),
    /** Further full-length trials at the confirmed rate, for the interval. */
    REPEAT("repeat"),
    /**
     * A short trial again at the lowest failing rate, once, when that fail cost more CPU per request
     * than the confirmed answer: it was measured on a service still warming up.
     */
    RETEST("retest");

    private final String csvName;

    SearchPhase(String csvName) {
        this.csvName = csvName;
    }

    /** The value written in steps.csv's {@code phase} column. */
    public String csvName() {
        return csvName;
    }

    /** Reads a {@code phase} cell; a blank one (a steps.csv written before the column existed) is a staircase step. */
    public static SearchPhase fromCsv(String cell) {
        if (cell == null || cell.isBlank()) return STEP;
        for (SearchPhase p : values()) if (p.csvName.equals(cell.strip())) return p;
        throw new IllegalArgumentException("phase '" + cell + "' is not one of "
                + java.util.Arrays.stream(values())
                        .map(SearchPhase::csvName)
                        .collect(java.util.stream.Collectors.joining(", ")));
    }
}
