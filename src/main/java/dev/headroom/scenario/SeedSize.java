package dev.headroom.scenario;

/** How much data the lab seeds so the database is not trivially empty: stores x items, plus orders. */
public record SeedSize(int stores, int itemsPerStore, int orders) {
    public SeedSize {
        Checks.positive("stores", stores);
        Checks.positive("itemsPerStore", itemsPerStore);
        Checks.nonNegative("orders", orders);
    }
}
