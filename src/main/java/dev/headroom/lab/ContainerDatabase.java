package dev.headroom.lab;

import java.util.OptionalLong;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/** MySQL 8.0, the version line Headroom's users run on RDS, in a container started by Testcontainers. */
public final class ContainerDatabase implements LabDatabase {
    /** Pinned, so that runs compare: change it on purpose, and the run records it. */
    static final DockerImageName IMAGE = DockerImageName.parse("mysql:8.0.43");

    private final MySQLContainer<?> container;

    private ContainerDatabase(MySQLContainer<?> container) {
        this.container = container;
    }

    public static ContainerDatabase start() {
        if (!dockerAvailable()) {
            throw new LabException("-Dheadroom.db=testcontainers needs a running Docker engine, and none answered"
                    + " here. Use -Dheadroom.db=embedded (the default, MariaDB 11.4 with no Docker) or"
                    + " -Dheadroom.db=jdbc:mysql://127.0.0.1:3306/headroom for a MySQL you run.");
        }
        MySQLContainer<?> container = new MySQLContainer<>(IMAGE)
                .withDatabaseName(EmbeddedDatabase.DATABASE)
                .withCommand("--max-connections=500");
        container.start();
        return new ContainerDatabase(container);
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String engine() {
        return "mysql (testcontainers, " + IMAGE + ")";
    }

    @Override
    public String jdbcUrl() {
        return container.getJdbcUrl();
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public OptionalLong serverPid() {
        return OptionalLong.empty(); // inside the Docker VM or namespace; not readable from here
    }

    @Override
    public boolean isAlive() {
        return container.isRunning();
    }

    @Override
    public void close() {
        container.stop();
    }
}
