package dev.headroom.service.seed;

/**
 * What the database holds after seeding: {@code itemsPerStore} is the largest menu of any store,
 * {@code durationMs} the time the call took (near zero when the data were there already).
 */
public record SeedResult(int stores, int itemsPerStore, long orders, long durationMs) {
    public SeedResult {
        if (stores < 0 || itemsPerStore < 0 || orders < 0 || durationMs < 0) {
            throw new IllegalArgumentException("negative count in " + stores + " stores, " + itemsPerStore
                    + " items per store, " + orders + " orders, " + durationMs + " ms");
        }
    }
}
