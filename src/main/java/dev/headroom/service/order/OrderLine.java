package dev.headroom.service.order;

/** One line of an order, with the unit price it was sold at (menu prices may change later). */
record OrderLine(long itemId, int quantity, int unitPriceCents) {

    long lineTotalCents() {
        return (long) quantity * unitPriceCents;
    }
}
