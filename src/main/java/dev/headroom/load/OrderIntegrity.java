package dev.headroom.load;

import dev.headroom.lab.Lab;
import dev.headroom.results.RunJournal;
import dev.headroom.results.RunJournal.Status;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * After the load, a reference-service run's orders are reconciled with its database: every order the
 * service acknowledged must be stored once, under its id. A lost write fails the run, however fast it
 * was. A service of your own has no such check: Headroom does not know its data.
 */
final class OrderIntegrity {
    private OrderIntegrity() {}

    static void check(Lab lab, OrderLedger ledger, RunJournal journal) {
        Optional<DataSource> ds = lab.dataSource();
        if (ds.isEmpty()) {
            journal.set(
                    "integrity", Map.of("evaluated", false, "why", "the target is not the lab's reference service"));
            return;
        }
        try {
            OrderLedger.Reconciliation r = ledger.reconcile(ds.get());
            journal.set("integrity", r);
            LoadRun.say(String.format(
                    Locale.ROOT,
                    "integrity: %d orders acknowledged, %d stored for this run, %d lost, %d with another id,"
                            + " %d stored but unacknowledged (timed out after commit), %d replays answered, %d"
                            + " answered with another order",
                    r.acknowledged(),
                    r.storedForRun(),
                    r.lost(),
                    r.idMismatches(),
                    r.storedButUnacknowledged(),
                    r.replaysAnswered(),
                    r.replayMismatches()));
            if (!r.passed()) {
                journal.end(Status.FAILED, "integrity check failed: " + r);
            }
        } catch (java.sql.SQLException e) {
            journal.end(Status.FAILED, "integrity check could not read the database: " + e.getMessage());
        }
    }
}
