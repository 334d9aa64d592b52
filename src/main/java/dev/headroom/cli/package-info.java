/**
 * The command line ({@code java -jar ... size}, {@code compare}, {@code history}, {@code trend},
 * {@code baseline}, {@code noise}, {@code usl}): parses arguments with picocli and drives the
 * report, the model and the nightly comparison, with exit codes a CI job can act on.
 */
package dev.headroom.cli;
