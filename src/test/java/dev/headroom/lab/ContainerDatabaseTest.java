package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.sql.DriverManager;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

class ContainerDatabaseTest {

    @Test
    void withoutDockerTheTestcontainersChoiceSaysWhatToUseInstead() {
        assumeFalse(ContainerDatabase.dockerAvailable(), "Docker is available here");
        assertThatThrownBy(ContainerDatabase::start)
                .isInstanceOf(LabException.class)
                .hasMessageContaining("needs a running Docker engine")
                .hasMessageContaining("-Dheadroom.db=embedded");
    }

    /** Runs where Docker is; reported as skipped, never failed, where it is not. */
    @Nested
    @Testcontainers(disabledWithoutDocker = true)
    class WithDocker {
        @Test
        void startsMysql80AndStopsIt() throws Exception {
            try (ContainerDatabase db = ContainerDatabase.start()) {
                try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                        var rs = c.createStatement().executeQuery("SELECT VERSION()")) {
                    rs.next();
                    assertThat(rs.getString(1)).startsWith("8.0.");
                }
                assertThat(db.isAlive()).isTrue();
            }
        }
    }
}
