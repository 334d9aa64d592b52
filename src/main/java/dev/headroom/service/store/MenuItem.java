package dev.headroom.service.store;

/** One orderable item of a store's menu; the price is per unit. */
record MenuItem(long id, String name, int priceCents) {}
