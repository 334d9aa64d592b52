package dev.headroom.lab;

import dev.headroom.scenario.ServiceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The reference service in a JVM of its own, so that its CPU is its own: measured from /proc and
 * its own {@code process.cpu.time}, and limited by the {@link CpuBudget}. It watches this process
 * ({@code headroom.parent-pid}) and exits if the lab dies without stopping it.
 */
public final class ServiceProcess implements AutoCloseable {
    static final String MAIN_CLASS = "dev.headroom.service.OrderServiceApplication";
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    /**
     * How the service JVM was launched, as recorded in run.json.
     *
     * @param startupMs process start to ready, measured
     * @param startCores the CPU the JVM started on, in cores: its budget (a CFS quota, or the cores
     *     taskset pinned it to), or more when the lab raised its quota until ready (the search's
     *     boost); NaN without a budget
     * @param startupCpuMs the JVM's CPU time from its start to ready (user + system,
     *     {@link ProcessHandle.Info#totalCpuDuration}); -1 where the OS does not report it
     */
    public record Launch(
            String javaVersion,
            List<String> jvmFlags,
            int appPort,
            int managementPort,
            long startupMs,
            double startCores,
            long startupCpuMs) {

        /**
         * Start-up to ready on a quota of {@code cores}: measured when the JVM started on them;
         * after a start on a larger quota, its CPU time over {@code cores}, but never under the time
         * it took. Why that holds: under a quota of one core or less the JVM's main thread alone
         * asks for more CPU than the quota grants for most of a Spring start (class loading, bean
         * creation, no I/O wait but the database's connection), so it runs quota-bound and its CPU
         * time is what it needs: time = CPU / quota (the utilization law at 100 % of the quota).
         * Where the start waits on something else the estimate is low; docs/search.md has it
         * against a start measured on the budget.
         */
        public long startupMsOn(double cores) {
            boolean startedOnThem = Double.isNaN(startCores) || Math.abs(startCores - cores) < 1e-9;
            if (startedOnThem || startupCpuMs < 0 || !(cores > 0)) return startupMs;
            return Math.max(startupMs, Math.round(startupCpuMs / cores));
        }
    }

    private final Process process;
    private final CpuBudget budget;
    private final Path log;
    private final Launch launch;

    private ServiceProcess(Process process, CpuBudget budget, Path log, Launch launch) {
        this.process = process;
        this.budget = budget;
        this.log = log;
        this.launch = launch;
    }

    /**
     * Starts the service on {@code db} and waits until it reports ready. On failure the process is
     * stopped and the exception quotes the end of its log. {@code extraCpuUsPerOrder} above 0 starts
     * a deliberately slower build (the service's {@code ExtraCpuWork}). {@code launched} receives
     * the service's metrics endpoint as soon as its process runs, before it is ready (a scraper can
     * start meanwhile); if it throws, the service is stopped. {@code startCores} is the quota the
     * caller set for the start (NaN: none), recorded beside the start's time and CPU.
     */
    public static ServiceProcess start(
            LabDatabase db,
            ServiceSettings settings,
            CpuBudget budget,
            Path log,
            Path java,
            String classpath,
            Duration readyTimeout,
            long extraCpuUsPerOrder,
            double startCores,
            Consumer<URI> launched) {
        int appPort = freePort();
        int managementPort = freePort();
        List<String> jvmFlags = new ArrayList<>(List.of(
                "-Xms" + settings.heap(),
                "-Xmx" + settings.heap(),
                // Every heap page resident from the start, as it is in a JVM that has run for hours:
                // the sizer's memory request is the peak RSS, and without it the RSS of a few minutes
                // depends on how many of the heap's pages the collector happened to touch (measured
                // 2026-12-06, three default runs of one commit: 601, 643 and 643 MiB at the end, a
                // 704 or a 768 MiB request, and a different node type for each; docs/metrics.md).
                "-XX:+AlwaysPreTouch",
                // the JVM picks SerialGC below 2 CPUs: one explicit collector keeps budgets comparable
                "-XX:+UseG1GC"));
        budget.activeProcessors().ifPresent(n -> jvmFlags.add("-XX:ActiveProcessorCount=" + (int) n));
        List<String> command = new ArrayList<>(budget.launchPrefix());
        command.add(java.toString());
        command.addAll(jvmFlags);
        command.addAll(List.of(
                "-Dheadroom.parent-pid=" + ProcessHandle.current().pid(),
                "-cp",
                classpath,
                MAIN_CLASS,
                "--server.address=127.0.0.1",
                "--server.port=" + appPort,
                "--management.server.address=127.0.0.1",
                "--management.server.port=" + managementPort,
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.datasource.hikari.maximum-pool-size=" + settings.poolSize(),
                "--server.tomcat.threads.max=" + settings.tomcatThreads(),
                // Spring Boot 3.4+ shuts down gracefully by default, waiting for active requests: on
                // Ctrl-C the database, in the same process group, dies at once, the requests wait 30 s
                // for a connection (HikariCP's connectionTimeout), and the service outlived its
                // STOP_GRACE until killed (measured: 15.2 s from Ctrl-C to the last process gone). The
                // lab stops the service only after the load has ended or when the run is abandoned.
                "--server.shutdown=immediate",
                "--headroom.demo.extra-cpu-us-per-order=" + extraCpuUsPerOrder));
        long startNanos = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new LabException("cannot start the service JVM (" + java + "): " + e.getMessage(), e);
        }
        try {
            launched.accept(metricsUrl(managementPort));
            awaitReady(process, managementPort, readyTimeout, log);
        } catch (RuntimeException e) {
            stop(process);
            budget.release();
            throw e;
        }
        long startupMs = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        // the sh of the launch prefix execs the JVM: one process, whose CPU so far is the start's
        long startupCpuMs =
                process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        Launch launch = new Launch(
                javaVersion(java), List.copyOf(jvmFlags), appPort, managementPort, startupMs, startCores, startupCpuMs);
        return new ServiceProcess(process, budget, log, launch);
    }

    public Launch launch() {
        return launch;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + launch.appPort());
    }

    public URI prometheusUrl() {
        return metricsUrl(launch.managementPort());
    }

    private static URI metricsUrl(int managementPort) {
        return URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus");
    }

    /** The last lines of the service's log, for error messages. */
    public String logTail(int lines) {
        return tail(log, lines);
    }

    @Override
    public void close() {
        stop(process);
        budget.release();
    }

    private static void stop(Process process) {
        if (!process.isAlive()) return;
        process.destroy(); // SIGTERM: Spring closes the pool and Tomcat gracefully
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitReady(Process process, int managementPort, Duration timeout, Path log) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(1))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LabException("the service exited with code " + process.exitValue()
                        + " before it was ready; the end of " + log + ":\n" + tail(log, 25));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(readiness)
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for the service", e);
            }
            sleep(250);
        }
        throw new LabException("the service was not ready within " + timeout.toSeconds() + " s; the end of " + log
                + ":\n" + tail(log, 25));
    }

    static String javaVersion(Path java) {
        try {
            Process p = new ProcessBuilder(java.toString(), "-version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("unknown").strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
