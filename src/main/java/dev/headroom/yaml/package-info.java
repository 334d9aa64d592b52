/**
 * Reads YAML input files while keeping the line of every field: a file is composed into
 * SnakeYAML nodes, not bound to objects, and each problem is collected with its file, line and
 * dotted field path, so a user sees every mistake at once ({@code file:line: field: message})
 * before any load runs. Generic: it knows no Headroom file, and the scenario, request, plan, price
 * and gate readers all go through it. Depends on the JDK and SnakeYAML only.
 */
package dev.headroom.yaml;
