/**
 * What load to apply: a scenario file (the request mix, the load model and its steps, the SLO,
 * the assertions) read and checked into immutable records. The first stage of the flow
 * scenario -> load -> service -> metrics -> sizing -> report; it depends only on the YAML reader.
 */
package dev.headroom.scenario;
