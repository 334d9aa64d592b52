/**
 * Many runs over time: indexes run directories by their environment (commit, CPU, JVM, database,
 * pool, scenario), keeps baselines, and draws the trend of the headline figures across runs.
 */
package dev.headroom.history;
