package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.results.StepsCsvFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The smoke run of {@link LabRunIT} with {@code -Dheadroom.db=testcontainers}: the reference service
 * on MySQL 8.0 in a container, as users with Docker run it. Reported as skipped, never failed,
 * where no Docker engine answers; LabRunIT runs the same scenario on the embedded database.
 */
@Testcontainers(disabledWithoutDocker = true)
class LabRunOnMySqlIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aShortRunOnMysql80CompletesWithItsOrdersIntact() throws Exception {
        String smoke = Path.of("src", "test", "resources", "scenarios", "smoke.yaml")
                .toAbsolutePath()
                .toString();
        GatlingProcess gatling =
                GatlingProcess.start(work, Map.of("headroom.scenario", smoke, "headroom.db", "testcontainers"));
        int exit = gatling.waitFor(600);
        String out = gatling.output();
        assertThat(exit).as(out).isZero();

        Path run;
        try (var runs = Files.list(work.resolve("results"))) {
            List<Path> dirs = runs.filter(p -> !p.getFileName().toString().equals("latest"))
                    .toList();
            assertThat(dirs).hasSize(1);
            run = dirs.get(0);
        }
        JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
        assertThat(runJson.get("status").asText()).as(out).isEqualTo("completed");
        assertThat(runJson.at("/lab/database/version").asText()).startsWith("8.0.");
        assertThat(runJson.at("/integrity/passed").asBoolean()).isTrue();
        assertThat(runJson.at("/integrity/lost").asLong()).isZero();
        assertThat(StepsCsvFiles.read(run)).hasSize(3).allSatisfy(step -> assertThat(step.get("error_ratio"))
                .isEqualTo("0"));
    }
}
