package dev.headroom.service.order;

import dev.headroom.service.store.StoreNotFoundException;
import dev.headroom.service.store.StoreRepository;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_PAGE_SIZE = 100;

    private final OrderPlacement placement;
    private final OrderRepository orders;
    private final StoreRepository stores;

    OrderController(OrderPlacement placement, OrderRepository orders, StoreRepository stores) {
        this.placement = placement;
        this.orders = orders;
        this.stores = stores;
    }

    /** 201 with the new order; 200 with the existing one when this key was used before. */
    @PostMapping("/orders")
    ResponseEntity<Order> place(
            @RequestHeader(name = IDEMPOTENCY_KEY) @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]*")
                    String idempotencyKey,
            @RequestBody @Valid PlaceOrderRequest request) {
        OrderPlacement.Placed placed = placement.place(idempotencyKey, request);
        Order order = placed.order();
        if (placed.created()) {
            return ResponseEntity.created(URI.create("/orders/" + order.id())).body(order);
        }
        return ResponseEntity.ok(order);
    }

    @GetMapping("/orders/{orderId}")
    Order get(@PathVariable long orderId) {
        return orders.findById(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /** Newest first; pass the page's {@code nextBeforeId} as {@code beforeId} to get the next one. */
    @GetMapping("/stores/{storeId}/orders")
    OrderPage recent(
            @PathVariable long storeId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int limit,
            @RequestParam(required = false) @Positive Long beforeId) {
        long before = beforeId == null ? Long.MAX_VALUE : beforeId;
        OrderPage page = OrderPage.fromRows(orders.recentOrders(storeId, before, limit + 1), limit);
        // As for the menu: only an empty page pays a second query to tell an unknown store apart.
        if (page.orders().isEmpty() && !stores.exists(storeId)) {
            throw new StoreNotFoundException(storeId);
        }
        return page;
    }
}
