package dev.headroom.service.order;

import java.util.List;

/**
 * One page of a store's orders, newest first. {@code nextBeforeId} is the {@code beforeId} that
 * asks for the next page, or null when this page is the last.
 */
record OrderPage(List<OrderSummary> orders, Long nextBeforeId) {

    OrderPage {
        orders = List.copyOf(orders);
    }

    /**
     * Builds a page from up to {@code limit + 1} rows: the extra row only tells that a next page
     * exists, so the last page is known without a query that returns nothing.
     */
    static OrderPage fromRows(List<OrderSummary> newestFirst, int limit) {
        if (newestFirst.size() <= limit) return new OrderPage(newestFirst, null);
        List<OrderSummary> page = newestFirst.subList(0, limit);
        return new OrderPage(page, page.get(limit - 1).id());
    }
}
