package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.metrics.StatementTimes.DigestRow;
import dev.headroom.metrics.StatementTimes.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementTimesTest {

    @Test
    void digestTextsAreSortedIntoReadsWritesAndNeither() {
        // digest texts as MariaDB 11.4 normalises them: keywords upper case, literals as ?
        assertThat(StatementTimes.kind("SELECT `o` . `id` FROM `orders` `o` WHERE `o` . `id` = ?"))
                .isEqualTo(Kind.READ);
        assertThat(StatementTimes.kind("( SELECT `id` FROM `a` ) UNION ( SELECT `id` FROM `b` )"))
                .isEqualTo(Kind.READ);
        assertThat(StatementTimes.kind("INSERT INTO `orders` ( `store_id` ) VALUES (...)"))
                .isEqualTo(Kind.WRITE);
        assertThat(StatementTimes.kind("UPDATE `menu_item` SET `stock` = `stock` - ? WHERE `id` = ?"))
                .isEqualTo(Kind.WRITE);
        assertThat(StatementTimes.kind("DELETE FROM `orders` WHERE `id` = ?")).isEqualTo(Kind.WRITE);
        assertThat(StatementTimes.kind("REPLACE INTO `t` VALUES (...)")).isEqualTo(Kind.WRITE);
        // a locking read runs on the writer: a replica could not take it over
        assertThat(StatementTimes.kind("SELECT * FROM `menu_item` WHERE `id` = ? FOR UPDATE"))
                .isEqualTo(Kind.WRITE);
        assertThat(StatementTimes.kind("SELECT * FROM `t` LOCK IN SHARE MODE")).isEqualTo(Kind.WRITE);
        assertThat(StatementTimes.kind("COMMIT")).isEqualTo(Kind.OTHER);
        // a pool opening a connection: the driver's session set-up reads no table
        assertThat(StatementTimes.kind("SELECT @@SESSION . `auto_increment_increment` AS `auto_increment_increment`"))
                .isEqualTo(Kind.OTHER);
        assertThat(StatementTimes.kind("SELECT ?")).isEqualTo(Kind.OTHER);
        assertThat(StatementTimes.kind("SET `autocommit` = ?")).isEqualTo(Kind.OTHER);
        assertThat(StatementTimes.kind(null)).as("the overflow row").isEqualTo(Kind.OTHER);
        // Headroom's own sampling query is a SELECT, and must not count as the service's read
        assertThat(StatementTimes.kind("SELECT `SCHEMA_NAME` , `DIGEST_TEXT` , `SUM_TIMER_WAIT` FROM"
                        + " `performance_schema` . `events_statements_summary_by_digest`"))
                .isEqualTo(Kind.OTHER);
    }

    @Test
    void totalsSumTheServiceSchemasRowsInSecondsFromPicoseconds() {
        List<DigestRow> rows = List.of(
                new DigestRow("headroom", "SELECT * FROM `orders` WHERE `id` = ?", 1_500_000_000_000L),
                new DigestRow("headroom", "SELECT * FROM `menu_item`", 500_000_000_000L),
                new DigestRow("headroom", "INSERT INTO `orders` VALUES (...)", 250_000_000_000L),
                new DigestRow("headroom", "COMMIT", 9_000_000_000_000L),
                new DigestRow("other", "SELECT * FROM `x`", 7_000_000_000_000L),
                new DigestRow(null, "SELECT * FROM `y`", 3_000_000_000_000L));
        StatementTimes.Totals t = StatementTimes.totals(rows, "headroom");
        // reads 1.5 s + 0.5 s = 2 s; writes 0.25 s; COMMIT, another schema and no schema left out
        assertThat(t.readS()).isCloseTo(2.0, within(1e-12));
        assertThat(t.writeS()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void aStepsFiguresAreTheGrowthOfTheTotalsPerSecondOfItsWindow() {
        List<ServerSample> samples = new ArrayList<>();
        // over 10 s the reads grew by 3 s of statement time and the writes by 0.5 s:
        // 3000 ms / 10 s = 300 ms/s, 500 ms / 10 s = 50 ms/s
        for (int t = 0; t <= 10; t++) samples.add(withStatements(t, 100 + 0.3 * t, 40 + 0.05 * t));
        ServerFigures f = StepSummarizer.server(samples, 10);
        assertThat(f.dbReadMsPerS()).isCloseTo(300, within(1e-9));
        assertThat(f.dbWriteMsPerS()).isCloseTo(50, within(1e-9));
    }

    @Test
    void totalsThatShrankOrWereNeverReadAreNotMeasured() {
        List<ServerSample> reset = List.of(withStatements(0, 100, 40), withStatements(10, 2, 1));
        ServerFigures f = StepSummarizer.server(reset, 10);
        // the digest table was truncated mid-step: no figure rather than a negative one
        assertThat(f.dbReadMsPerS()).isNaN();
        assertThat(f.dbWriteMsPerS()).isNaN();
        List<ServerSample> none =
                List.of(withStatements(0, Double.NaN, Double.NaN), withStatements(10, Double.NaN, Double.NaN));
        assertThat(StepSummarizer.server(none, 10).dbReadMsPerS()).isNaN();
    }

    private static ServerSample withStatements(double t, double readS, double writeS) {
        double n = Double.NaN;
        return new ServerSample(
                (long) (t * 1e9),
                true,
                false,
                n,
                n,
                n,
                n,
                n,
                t,
                2 * t,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                n,
                readS,
                writeS,
                n,
                n,
                n,
                n,
                n,
                n);
    }
}
