package dev.headroom.service.store;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StoreController {
    private final StoreRepository stores;

    StoreController(StoreRepository stores) {
        this.stores = stores;
    }

    @GetMapping("/stores/{storeId}/menu")
    List<MenuItem> menu(@PathVariable long storeId) {
        List<MenuItem> items = stores.availableMenu(storeId);
        // Only an empty menu pays for a second query, to tell "no available items" from "no store";
        // the measured path stays one query.
        if (items.isEmpty() && !stores.exists(storeId)) {
            throw new StoreNotFoundException(storeId);
        }
        return items;
    }
}
