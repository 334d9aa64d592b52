package dev.headroom.sizing;

import java.util.Objects;

/**
 * An RDS for MySQL DB instance class. Its vCPUs and memory are those of the EC2 type of the same
 * name without {@code db.} (db.t3.micro: t3.micro), as the Amazon RDS User Guide's "DB instance
 * class types" and "Hardware specifications for DB instance classes" list them; so is a burstable
 * class's CPU baseline.
 *
 * <p>What the database can use is less than the memory: see {@link RdsMaxConnections}. Surplus CPU
 * credits of db.t3/db.t4g are billed at RDS's own rate, which the catalog does not have, not at
 * EC2's.
 *
 * @param name the RDS name, {@code db.<ec2 name>}
 * @param hardware the EC2 instance type with the same vCPUs, memory, architecture and baseline
 */
public record DbClass(String name, InstanceType hardware) {
    public static final String PREFIX = "db.";

    public DbClass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hardware, "hardware");
        if (!name.equals(PREFIX + hardware.name())) {
            throw new IllegalArgumentException(
                    "a DB class is named db.<EC2 type>: " + PREFIX + hardware.name() + ", was " + name);
        }
    }

    public static DbClass of(InstanceType hardware) {
        return new DbClass(PREFIX + hardware.name(), hardware);
    }

    public int vcpus() {
        return hardware.vcpus();
    }

    /** Physical cores, which HikariCP's pool-sizing rule counts: see {@link InstanceType#physicalCores}. */
    public int physicalCores() {
        return hardware.physicalCores();
    }

    public double memoryGib() {
        return hardware.memoryGib();
    }

    public Arch arch() {
        return hardware.arch();
    }

    public boolean burstable() {
        return hardware.burstable();
    }

    public double baselineCpuFraction() {
        return hardware.baselineCpuFraction();
    }
}
