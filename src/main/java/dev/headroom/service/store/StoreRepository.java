package dev.headroom.service.store;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores and their menus, read with plain SQL and no cache: each call is one query. */
@Repository
public class StoreRepository {
    private final JdbcClient jdbc;

    StoreRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The store's available items, by the {@code menu_items (store_id)} index. */
    List<MenuItem> availableMenu(long storeId) {
        return jdbc.sql(
                        """
                        SELECT id, name, price_cents
                        FROM menu_items
                        WHERE store_id = :storeId AND available = TRUE
                        ORDER BY id""")
                .param("storeId", storeId)
                .query((rs, row) -> new MenuItem(rs.getLong("id"), rs.getString("name"), rs.getInt("price_cents")))
                .list();
    }

    public boolean exists(long storeId) {
        return jdbc.sql("SELECT COUNT(*) FROM stores WHERE id = :storeId")
                        .param("storeId", storeId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
