package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.lab.EmbeddedDatabase;
import dev.headroom.results.StepsCsvFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker-compose way of running Headroom, without Docker: the reference service started by
 * someone else (here the test, as compose would: profile {@code mysql}, its MYSQL_* variables) on
 * a database of its own, and Headroom given only its URLs:
 * {@code -Dheadroom.target}, {@code -Dheadroom.target.metrics} and {@code -Dheadroom.db} to seed
 * the database and check the orders afterwards.
 */
class ComposeShapedRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void theReferenceServiceAtAUrlIsSeededLoadedAndReconciled() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start()) {
            // an empty database named headroom, as the mysql image makes from MYSQL_DATABASE
            java.sql.DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())
                    .close();
            int appPort = freePort();
            int managementPort = freePort();
            Process service = startService(db, appPort, managementPort);
            try {
                awaitReady(service, managementPort);
                String smoke = Path.of("src", "test", "resources", "scenarios", "smoke.yaml")
                        .toAbsolutePath()
                        .toString();
                GatlingProcess gatling = GatlingProcess.start(
                        work,
                        Map.of(
                                "headroom.scenario",
                                smoke,
                                "headroom.target",
                                "http://127.0.0.1:" + appPort,
                                "headroom.target.metrics",
                                "http://127.0.0.1:" + managementPort + "/actuator/prometheus",
                                "headroom.db",
                                db.jdbcUrl(),
                                "headroom.db.user",
                                db.username(),
                                "headroom.db.password",
                                db.password()));
                int exit = gatling.waitFor(300);
                String out = gatling.output();
                assertThat(exit).as(out).isZero();

                Path run;
                try (var runs = Files.list(work.resolve("results"))) {
                    run = runs.filter(p -> !p.getFileName().toString().equals("latest"))
                            .findFirst()
                            .orElseThrow();
                }
                JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
                assertThat(runJson.get("status").asText()).as(out).isEqualTo("completed");
                // seeded by Headroom through JDBC (the service had only migrated it), then reconciled
                assertThat(runJson.at("/lab/seed/stores").asInt()).isEqualTo(20);
                assertThat(runJson.at("/lab/database/version").asText()).startsWith("11.4");
                assertThat(runJson.at("/integrity/passed").asBoolean()).as(out).isTrue();
                assertThat(runJson.at("/integrity/acknowledged").asLong()).isPositive();
                assertThat(runJson.at("/integrity/lost").asLong()).isZero();
                // the scenario's CPU budget is the lab's to apply; a service at a URL is limited where it runs
                assertThat(runJson.at("/settings/cpus_requested").asText()).contains("not applied");
                // the service's own figures come from its endpoint; the database's CPU is not ours to read
                assertThat(runJson.at("/server_figures/not_measured"))
                        .extracting(JsonNode::asText)
                        .contains("db_cpu_cores")
                        .doesNotContain("app_cpu_cores", "pool_active_avg", "conn_usage_ms_avg", "server_rps");
                List<CSVRecord> steps = StepsCsvFiles.read(run);
                assertThat(steps).hasSize(3);
                for (CSVRecord step : steps) {
                    assertThat(step.get("error_ratio")).isEqualTo("0");
                    assertThat(Double.parseDouble(step.get("app_cpu_cores"))).isPositive();
                    assertThat(Double.parseDouble(step.get("conn_usage_ms_avg")))
                            .isPositive();
                }
            } finally {
                service.destroy();
                if (!service.waitFor(20, TimeUnit.SECONDS))
                    service.destroyForcibly().waitFor();
            }
        }
    }

    /** As docker-compose.yml runs it: profile mysql, the database named by MYSQL_* variables. */
    private Process startService(EmbeddedDatabase db, int appPort, int managementPort) throws IOException {
        URI dbUri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-cp",
                Path.of("target", "classes").toAbsolutePath()
                        + java.io.File.pathSeparator
                        + Files.readString(Path.of("target", "classpath", "service.txt"))
                                .strip(),
                "dev.headroom.service.OrderServiceApplication",
                "--server.address=127.0.0.1",
                "--server.port=" + appPort,
                "--management.server.address=127.0.0.1",
                "--management.server.port=" + managementPort));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile());
        pb.environment()
                .putAll(Map.of(
                        "SPRING_PROFILES_ACTIVE",
                        "mysql",
                        "MYSQL_HOST",
                        "127.0.0.1",
                        "MYSQL_PORT",
                        Integer.toString(dbUri.getPort()),
                        "MYSQL_DATABASE",
                        "headroom",
                        "MYSQL_USER",
                        db.username(),
                        "MYSQL_PASSWORD",
                        db.password()));
        return pb.start();
    }

    private void awaitReady(Process service, int managementPort) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new AssertionError("the service exited:\n" + Files.readString(work.resolve("service.log")));
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service was not ready within 120 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
