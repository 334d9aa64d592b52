package dev.headroom.sizing;

import java.util.Objects;

/**
 * One hourly price with where it came from, kept together so that a merged table can still say
 * which number the user supplied and which was built in.
 *
 * @param usdPerHour US dollars per hour (per instance, per DB instance, per cluster)
 * @param source where the number was found: a price list and its date, or a user's price file
 */
public record Price(double usdPerHour, String source) {
    public Price {
        Objects.requireNonNull(source, "source");
        PriceTable.requirePrice("usdPerHour", usdPerHour);
        if (source.isBlank()) throw new IllegalArgumentException("a price needs its source");
    }
}
