/**
 * Drives the load: the Gatling simulation that applies a scenario step by step to the service,
 * plans each request, and hands every step to the metrics recorder and the results writer. The
 * only package that knows Gatling and the whole run.
 */
package dev.headroom.load;
