/**
 * The public Gatling API: Headroom in a simulation of your own. {@link dev.headroom.gatling.Headroom#staircase}
 * wraps your Gatling scenario in Headroom's stair-step and, at the end, chains the run to its sizing
 * (run -> size), so the load itself ({@code dev.headroom.load}) never calls the report. {@link
 * dev.headroom.gatling.HeadroomSettings} says where your service is and what counts as good; {@link
 * dev.headroom.gatling.HeadroomRun} is the same run in pieces, for a simulation that records its requests
 * one by one, as Headroom's own {@code CapacitySimulation} does. Gatling is a {@code provided} dependency:
 * your project brings its own.
 */
package dev.headroom.gatling;
