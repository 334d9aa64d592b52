package dev.headroom.lab;

import java.util.OptionalLong;

/** The MySQL-compatible database the reference service runs on, however the lab obtained it. */
public interface LabDatabase extends AutoCloseable {

    /** Engine name as recorded in results: {@code mariadb (embedded)}, {@code mysql (testcontainers)}, ... */
    String engine();

    String jdbcUrl();

    String username();

    String password();

    /** PID of the database server when it runs on this host (its CPU is then measured), else empty. */
    OptionalLong serverPid();

    /** Whether the server is still running; false once it has died or been stopped. */
    boolean isAlive();

    /** How the server ended on its own, if the lab knows (an exit code); empty otherwise. */
    default String exitDescription() {
        return "";
    }

    /** Stops the server if the lab started it; never throws, since it runs on every exit path. */
    @Override
    void close();
}
