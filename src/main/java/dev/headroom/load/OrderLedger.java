package dev.headroom.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.sql.DataSource;

/**
 * The orders the service acknowledged during the run, by idempotency key, so that the end of the
 * run can prove none was lost: every acknowledged key must be a row in the database, with the id
 * the service answered. Retries of earlier keys check that a replay never makes a second order.
 */
public final class OrderLedger {
    private static final int RECENT = 1024;

    private final String keyPrefix;
    private final AtomicLong nextKey = new AtomicLong();
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<String> recent = new AtomicReferenceArray<>(RECENT);
    private final AtomicLong recentCount = new AtomicLong();
    private final AtomicLong highestOrderId;
    private final AtomicLong replaysAnswered = new AtomicLong();
    private final AtomicLong replayMismatches = new AtomicLong();

    /** @param seededOrders orders already in the database (ids 1..n), so reads can target them */
    public OrderLedger(String keyPrefix, long seededOrders) {
        this.keyPrefix = keyPrefix;
        this.highestOrderId = new AtomicLong(seededOrders);
    }

    public String newKey() {
        return keyPrefix + nextKey.incrementAndGet();
    }

    /** A key the service already acknowledged, to send again as a client retry would; empty at first. */
    public Optional<String> keyToReplay() {
        long n = recentCount.get();
        if (n == 0) return Optional.empty();
        int slot = (int) (ThreadLocalRandom.current().nextLong(Math.min(n, RECENT)));
        return Optional.ofNullable(recent.get(slot));
    }

    /** Highest order id known to exist: seeded or created in this run. */
    public long highestOrderId() {
        return highestOrderId.get();
    }

    /** Records a successful answer to a create; {@code replay} when the key had been sent before. */
    public void acknowledged(String key, long orderId, boolean replay) {
        if (replay) {
            replaysAnswered.incrementAndGet();
            Long first = acknowledged.get(key);
            if (first != null && first != orderId) replayMismatches.incrementAndGet();
            return;
        }
        Long previous = acknowledged.putIfAbsent(key, orderId);
        if (previous != null && previous != orderId) replayMismatches.incrementAndGet();
        highestOrderId.accumulateAndGet(orderId, Math::max);
        recent.set((int) (recentCount.getAndIncrement() % RECENT), key);
    }

    /** The result of comparing the acknowledged orders with the database. */
    public record Reconciliation(
            long acknowledged,
            long storedForRun,
            long lost,
            long idMismatches,
            long storedButUnacknowledged,
            long replaysAnswered,
            long replayMismatches,
            boolean passed) {}

    /**
     * Reads every order of this run (by key prefix) and compares. Rows nobody acknowledged are
     * allowed (a request can time out after its commit) and counted; a lost write is not.
     */
    public Reconciliation reconcile(DataSource ds) throws SQLException {
        Map<String, Long> stored = new HashMap<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT idempotency_key, id FROM orders WHERE idempotency_key LIKE ?")) {
            ps.setString(1, keyPrefix.replace("_", "\\_") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) stored.put(rs.getString(1), rs.getLong(2));
            }
        }
        long lost = 0;
        long mismatched = 0;
        for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
            Long id = stored.get(ack.getKey());
            if (id == null) lost++;
            else if (!id.equals(ack.getValue())) mismatched++;
        }
        long unacknowledged = stored.keySet().stream()
                .filter(k -> !acknowledged.containsKey(k))
                .count();
        return new Reconciliation(
                acknowledged.size(),
                stored.size(),
                lost,
                mismatched,
                unacknowledged,
                replaysAnswered.get(),
                replayMismatches.get(),
                lost == 0 && mismatched == 0 && replayMismatches.get() == 0);
    }
}
