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
}
