package dev.headroom.service.seed;

import dev.headroom.lab.ContainerDatabase;
import dev.headroom.lab.LabDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Seeding on MySQL 8.0 in Testcontainers, started the way the lab starts it. Reported as skipped,
 * never failed, where no Docker engine answers; {@link SeedLoaderOnMariaDbTest} runs the same tests.
 */
@Testcontainers(disabledWithoutDocker = true)
class SeedLoaderOnMySqlTest extends SeedLoaderContract {
    private static ContainerDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = ContainerDatabase.start();
    }

    @AfterAll
    static void stopDatabase() {
        if (database != null) database.close();
    }

    @Override
    LabDatabase database() {
        return database;
    }

    @Override
    String rootPassword() {
        // Testcontainers gives root the database user's password unless told otherwise
        return database.password();
    }
}
