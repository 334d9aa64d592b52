package dev.headroom.service.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /orders}. Boxed types, so that a missing field is reported as missing
 * rather than read as 0.
 */
record PlaceOrderRequest(
        @NotNull @Positive Long storeId, @NotNull @Size(min = 1, max = MAX_LINES) List<@NotNull @Valid Line> lines) {

    static final int MAX_LINES = 20;
    static final int MAX_QUANTITY = 99;

    record Line(@NotNull @Positive Long itemId, @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {}
}
