/**
 * The reference service, the system under test: a Spring Boot order service over a
 * MySQL-compatible database with a HikariCP pool and Micrometer metrics. It knows nothing of the
 * harness that measures it (an architecture test keeps it so), and exits when its parent process
 * is gone so that no run leaves it orphaned.
 */
package dev.headroom.service;
