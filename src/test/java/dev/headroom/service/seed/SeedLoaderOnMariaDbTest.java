package dev.headroom.service.seed;

import dev.headroom.lab.EmbeddedDatabase;
import dev.headroom.lab.LabDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Seeding on the embedded MariaDB 11.4, the lab's default database: runs everywhere. */
class SeedLoaderOnMariaDbTest extends SeedLoaderContract {
    private static EmbeddedDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = EmbeddedDatabase.start();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Override
    LabDatabase database() {
        return database;
    }

    @Override
    String rootPassword() {
        return database.password(); // the embedded server's only user is root
    }
}
