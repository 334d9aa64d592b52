/**
 * The lab a run happens in: starts the reference service, its database (embedded MariaDB, a
 * container or an external one) and Prometheus as child processes within a CPU budget, and reaps
 * them afterwards, so that no process outlives the run. Knows the scenario and the service it
 * starts, nothing downstream.
 */
package dev.headroom.lab;
