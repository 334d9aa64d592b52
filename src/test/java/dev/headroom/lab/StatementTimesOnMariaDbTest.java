package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.headroom.metrics.StatementTimes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lab's embedded MariaDB keeps statement digests, and {@link StatementTimes} splits their time
 * into the reads and writes of the service's schema: a real server over JDBC, no fake.
 */
class StatementTimesOnMariaDbTest {

    @Test
    void readsMoveTheReadTotalAndWritesTheWriteTotal() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start();
                HikariDataSource ds = pool(db)) {
            List<String> why = new ArrayList<>();
            StatementTimes times = StatementTimes.open(ds, why).orElseThrow(() -> new AssertionError(why));
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v VARCHAR(100))");
                StatementTimes.Totals start = times.read();

                // writes only: the write total grows, the read total stays put
                for (int i = 0; i < 200; i++) s.executeUpdate("INSERT INTO t (v) VALUES ('row " + i + "')");
                closeLastEvent(s);
                StatementTimes.Totals afterWrites = times.read();
                assertThat(afterWrites.writeS()).isGreaterThan(start.writeS());
                assertThat(afterWrites.readS())
                        .as("Headroom's own queries of performance_schema are not the service's reads")
                        .isEqualTo(start.readS());

                // reads only: the read total grows, the write total stays put
                for (int i = 0; i < 200; i++) {
                    try (var rs = s.executeQuery("SELECT COUNT(*), MAX(v) FROM t WHERE id > " + i)) {
                        rs.next();
                    }
                }
                closeLastEvent(s);
                StatementTimes.Totals afterReads = times.read();
                assertThat(afterReads.readS()).isGreaterThan(afterWrites.readS());
                assertThat(afterReads.writeS()).isEqualTo(afterWrites.writeS());
            }
        }
    }

    /**
     * The server answers a statement before its performance_schema event ends, so the last statement's
     * time can reach the digest table after the client already has its answer (this test read the
     * last INSERT's time during the read phase in 2 of 5 runs). A statement of neither kind on the
     * same connection returns only after the previous one's event has ended.
     */
    private static void closeLastEvent(Statement s) throws Exception {
        s.execute("SET @headroom_test = 1");
    }

    @Test
    void aServerWithoutPerformanceSchemaIsSaidSoNotMeasuredAsZero() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start();
                HikariDataSource ds = pool(db)) {
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                // performance_schema cannot be switched off at run time; its digest consumer can
                s.executeUpdate(
                        "UPDATE performance_schema.setup_consumers SET ENABLED = 'NO' WHERE NAME = 'statements_digest'");
            }
            List<String> why = new ArrayList<>();
            assertThat(StatementTimes.open(ds, why)).isEmpty();
            assertThat(why).singleElement().asString().contains("statements_digest is disabled");
        }
    }

    private static HikariDataSource pool(EmbeddedDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.username());
        config.setPassword(db.password());
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }
}
