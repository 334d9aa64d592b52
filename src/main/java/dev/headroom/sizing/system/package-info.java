/**
 * Sizing a system of services together: each service is sized by the single-service {@link
 * dev.headroom.sizing.Sizer} from its own measured run, then what they share is sized over all of
 * them: the EKS node group (every service's pods, sidecars and DaemonSets bin-packed), each
 * database (its class from the sum of the services' database CPU, its connection budget over every
 * service that connects, Multi-AZ in its price, read replicas when the writer cannot carry the
 * reads) and the deployment strategy's surge. Like the rest of {@code sizing}, it depends on the JDK
 * and Hipparchus only.
 */
package dev.headroom.sizing.system;
