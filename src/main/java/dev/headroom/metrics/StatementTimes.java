package dev.headroom.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The database's own account of how long its statements ran, split into reads and writes: the
 * cumulative {@code SUM_TIMER_WAIT} of {@code performance_schema.events_statements_summary_by_digest}
 * (MariaDB and MySQL 8; picoseconds), summed by statement kind. Sampled like the other cumulative
 * figures, so a step's figure is the growth over its steady window, per second.
 *
 * <p>Why the digest table rather than the by-event-name summary: its rows carry the schema and the
 * statement text, so Headroom's own sampling query (a SELECT on performance_schema) is left out and
 * only the service's schema is counted.
 *
 * @see "MariaDB Knowledge Base, Performance Schema events_statements_summary_by_digest Table"
 */
public final class StatementTimes {

    /** What a statement costs the primary: reads could go to a replica, writes cannot. */
    public enum Kind {
        READ,
        WRITE,
        /** SET, COMMIT, SHOW, DDL, SELECTs of no table, the overflow row with no digest: in neither. */
        OTHER
    }

    /** Cumulative statement time in seconds since the server started; NaN when not measured. */
    public record Totals(double readS, double writeS) {
        public static final Totals UNMEASURED = new Totals(Double.NaN, Double.NaN);
    }

    /** One row of the digest summary: the normalised statement text and its total time. */
    public record DigestRow(String schema, String digestText, long sumTimerWaitPs) {}

    static final double PICOSECONDS_PER_SECOND = 1e12;

    private static final Pattern FIRST_WORD = Pattern.compile("^[\\s(]*([A-Za-z]+)");

    /**
     * A locking read (SELECT ... FOR UPDATE, LOCK IN SHARE MODE) must run on the writer, so it is
     * counted with the writes: a replica could not take it over.
     */
    private static final Pattern LOCKING_READ =
            Pattern.compile("\\bFOR\\s+UPDATE\\b|\\bLOCK\\s+IN\\s+SHARE\\s+MODE\\b|\\bFOR\\s+SHARE\\b");

    /**
     * A SELECT without FROM reads no table: the driver's session set-up ({@code SELECT @@session...}
     * when a pool opens a connection), a validation query ({@code SELECT 1}), {@code SELECT
     * LAST_INSERT_ID()}. Not work a replica would take over.
     */
    private static final Pattern READS_A_TABLE = Pattern.compile("\\bFROM\\b");

    static final String QUERY = "SELECT SCHEMA_NAME, DIGEST_TEXT, SUM_TIMER_WAIT"
            + " FROM performance_schema.events_statements_summary_by_digest";

    private final DataSource dataSource;
    private final String schema;

    private StatementTimes(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /**
     * A reader of the service's schema on this database, or empty (with the reason in {@code why})
     * when the server keeps no statement digests: performance_schema off (an external database, RDS
     * with its default parameter group), or the digest consumer disabled.
     */
    public static Optional<StatementTimes> open(DataSource dataSource, List<String> why) {
        try (Connection c = dataSource.getConnection()) {
            String schema = c.getCatalog();
            if (schema == null || schema.isEmpty()) {
                why.add("the lab's connection names no schema, so the service's statements cannot be told apart");
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT @@performance_schema");
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    why.add("performance_schema is off on the database server");
                    return Optional.empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT ENABLED FROM performance_schema.setup_consumers WHERE NAME = 'statements_digest'");
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !"YES".equalsIgnoreCase(rs.getString(1))) {
                    why.add("the performance_schema consumer statements_digest is disabled");
                    return Optional.empty();
                }
            }
            return Optional.of(new StatementTimes(dataSource, schema));
        } catch (SQLException e) {
            why.add("cannot read performance_schema: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The current totals, or {@link Totals#UNMEASURED} when the query fails (a missed sample). */
    public Totals read() {
        // one failure (the database gone) ends the measurement: each retry would wait for a connection
        if (failed) return Totals.UNMEASURED;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(QUERY);
                ResultSet rs = ps.executeQuery()) {
            List<DigestRow> rows = new ArrayList<>();
            while (rs.next()) rows.add(new DigestRow(rs.getString(1), rs.getString(2), rs.getLong(3)));
            return totals(rows, schema);
        } catch (SQLException e) {
            failed = true;
            return Totals.UNMEASURED;
        }
    }

    private volatile boolean failed;

    /** The rows of {@code schema}, summed by kind; Headroom's own queries of performance_schema left out. */
    static Totals totals(List<DigestRow> rows, String schema) {
        long readPs = 0;
        long writePs = 0;
        for (DigestRow r : rows) {
            if (!schema.equalsIgnoreCase(r.schema())) continue;
            switch (kind(r.digestText())) {
                case READ -> readPs += r.sumTimerWaitPs();
                case WRITE -> writePs += r.sumTimerWaitPs();
                case OTHER -> {}
            }
        }
        return new Totals(readPs / PICOSECONDS_PER_SECOND, writePs / PICOSECONDS_PER_SECOND);
    }

    /** A statement's kind from its digest text (keywords upper case, literals replaced by ?). */
    static Kind kind(String digestText) {
        if (digestText == null) return Kind.OTHER;
        String upper = digestText.toUpperCase(Locale.ROOT);
        if (upper.contains("PERFORMANCE_SCHEMA")) return Kind.OTHER; // Headroom's own sampling
        var m = FIRST_WORD.matcher(upper);
        if (!m.find()) return Kind.OTHER;
        return switch (m.group(1)) {
            case "SELECT" -> LOCKING_READ.matcher(upper).find()
                    ? Kind.WRITE
                    : READS_A_TABLE.matcher(upper).find() ? Kind.READ : Kind.OTHER;
            case "INSERT", "UPDATE", "DELETE", "REPLACE" -> Kind.WRITE;
            default -> Kind.OTHER;
        };
    }
}
