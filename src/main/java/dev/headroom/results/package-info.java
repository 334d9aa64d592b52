/**
 * A run's directory on disk, {@code results/<run>/}: the steps.csv writer (the column contract,
 * see {@link dev.headroom.results.StepColumns}), run.json and the journal, written atomically so
 * that nothing measured is lost. Depends on the metrics it writes.
 */
package dev.headroom.results;
