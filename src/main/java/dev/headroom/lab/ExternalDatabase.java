package dev.headroom.lab;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.OptionalLong;

/** A MySQL server the user runs and points Headroom at; never started or stopped by the lab. */
final class ExternalDatabase implements LabDatabase {
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private Connection probe;

    ExternalDatabase(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        try {
            probe = DriverManager.getConnection(jdbcUrl, username, password);
        } catch (SQLException e) {
            throw new LabException("cannot connect to -Dheadroom.db=" + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String engine() {
        return "external (" + jdbcUrl.substring(0, jdbcUrl.indexOf("://")) + ")";
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public OptionalLong serverPid() {
        return OptionalLong.empty(); // its CPU is not ours to read
    }

    /** Asked once per sampling interval: one query on a connection kept for the purpose. */
    @Override
    public synchronized boolean isAlive() {
        try {
            return probe != null && probe.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (probe != null) probe.close();
        } catch (SQLException e) {
            // closing on the way out
        }
        probe = null;
    }
}
