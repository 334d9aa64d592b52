package dev.headroom.sizing.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RDS for PostgreSQL's default LEAST({DBInstanceClassMemory/9531392}, 5000) against published figures. */
class PostgresMaxConnectionsTest {
    @Test
    void upperBoundsFromNominalMemoryMatchThePublishedTable() {
        // capacity-facts.md, "RDS for PostgreSQL max_connections": 1 GiB -> 112, 2 -> 225, 4 -> 450,
        // 8 -> 901, 16 -> 1802, 32 -> 3604, 64 GiB and more -> 5000 (the cap).
        assertThat(PostgresMaxConnections.upperBound(1)).isEqualTo(112);
        assertThat(PostgresMaxConnections.upperBound(2)).isEqualTo(225);
        assertThat(PostgresMaxConnections.upperBound(4)).isEqualTo(450);
        assertThat(PostgresMaxConnections.upperBound(8)).isEqualTo(901);
        assertThat(PostgresMaxConnections.upperBound(16)).isEqualTo(1802);
        assertThat(PostgresMaxConnections.upperBound(32)).isEqualTo(3604);
        assertThat(PostgresMaxConnections.upperBound(64)).isEqualTo(5000);
    }

    @Test
    void theEstimateUsesTheMemoryRdsLeftTheDatabaseOnMySql() {
        // 2 GiB: RDS for MySQL showed 150 = DBInstanceClassMemory / 12582880, so DBInstanceClassMemory
        // = 150 x 12582880 = 1,887,432,000 bytes; / 9531392 = 198.02 -> 198.
        assertThat(PostgresMaxConnections.estimate(SystemFixtures.db(SystemFixtures.T4G_SMALL))
                        .value())
                .isEqualTo(198);
        // 4 GiB: 312 x 12582880 = 3,925,858,560 / 9531392 = 411.89 -> 411, below the 450 bound.
        assertThat(PostgresMaxConnections.estimate(SystemFixtures.db(SystemFixtures.T3_MEDIUM))
                        .value())
                .isEqualTo(411);
        // 16 GiB scales the 8 GiB share: 648 x 12582880 x 2 = 16,307,412,480 / 9531392 = 1710.9 -> 1710.
        assertThat(PostgresMaxConnections.estimate(SystemFixtures.db(SystemFixtures.M6G_XLARGE))
                        .value())
                .isEqualTo(1710);
        // The same formula caps at 5000 whatever the memory.
        assertThat(PostgresMaxConnections.ofClassMemory(1e12)).isEqualTo(5000);
    }
}
