package dev.headroom.sizing;

import java.util.Objects;

/**
 * A database's connection limit for planning, with where it came from: the sizer prints the basis
 * next to the number, so a reader can tell a published figure from an estimate.
 *
 * @param value the limit to plan with
 * @param upperBound the most the RDS default formula can give for this memory; a configured value
 *     may exceed it, a default never does
 * @param basis how {@code value} was found, in a sentence
 */
public record MaxConnections(int value, int upperBound, String basis) {
    public MaxConnections {
        Objects.requireNonNull(basis, "basis");
        if (value < 1) throw new IllegalArgumentException("value must be >= 1, was " + value);
        if (upperBound < 1) throw new IllegalArgumentException("upperBound must be >= 1, was " + upperBound);
        if (basis.isBlank()) throw new IllegalArgumentException("a connection limit needs its basis");
    }
}
