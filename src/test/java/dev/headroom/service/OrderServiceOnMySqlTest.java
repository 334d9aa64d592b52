package dev.headroom.service;

import dev.headroom.lab.ContainerDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The service's contract on MySQL 8.0 (the users' RDS version line) in Testcontainers, started the
 * way the lab starts it ({@code -Dheadroom.db=testcontainers}). Reported as skipped, never failed,
 * where no Docker engine answers; {@link OrderServiceOnMariaDbTest} runs the same tests everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class OrderServiceOnMySqlTest extends OrderServiceContract {
    private static ContainerDatabase database;

    @BeforeAll
    static void startDatabaseAndSeed() {
        database = ContainerDatabase.start();
        seed(database);
    }

    @AfterAll
    static void stopDatabase() {
        if (database != null) database.close();
    }

    @DynamicPropertySource
    static void databaseProperties(DynamicPropertyRegistry registry) {
        register(registry, () -> database);
    }
}
