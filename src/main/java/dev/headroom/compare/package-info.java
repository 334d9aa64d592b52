/**
 * Judges a run against a baseline for the nightly check: which figures changed beyond the
 * measured noise, whether the two runs are comparable at all, and whether a gate file's
 * thresholds pass. Knows nothing of the lab.
 */
package dev.headroom.compare;
