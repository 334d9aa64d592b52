/**
 * What was measured, per step: the injector's view of every request (latency, throughput, errors
 * by cause) and the service's own figures (CPU, pool, threads, GC, memory) sampled from its
 * metrics endpoint or Prometheus, summarised over each step's steady window and judged valid or
 * not. Depends only on the scenario.
 */
package dev.headroom.metrics;
