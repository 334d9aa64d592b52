/**
 * The capacity model, pure: from measured steps and a sizing request to the capacity at the SLO,
 * the Universal Scalability Law fit, service demands, the bottleneck, and ranked deployment plans
 * (EKS, EC2, Fargate, a database class and a connection pool) with the decisions and findings
 * behind them. Depends on nothing but the JDK and Hipparchus, so it can be tested and reused alone;
 * it neither reads files nor writes outputs.
 */
package dev.headroom.sizing;
