package dev.headroom.service;

import dev.headroom.lab.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service's contract on the embedded MariaDB 11.4, the lab's default database: runs everywhere. */
class OrderServiceOnMariaDbTest extends OrderServiceContract {
    private static EmbeddedDatabase database;

    @BeforeAll
    static void startDatabaseAndSeed() {
        database = EmbeddedDatabase.start();
        seed(database);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @DynamicPropertySource
    static void databaseProperties(DynamicPropertyRegistry registry) {
        register(registry, () -> database);
    }
}
