package dev.headroom.load.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.load.pacing.ArrivalSchedule.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final ArrivalSchedule schedule = new ArrivalSchedule(now::get);

    @Test
    void slotsAreOneIntervalApartFromTheSegmentStart() {
        schedule.changeRate(100); // 10 ms apart, from t = 1000 ms
        assertThat(intendedMs(3)).containsExactly(1000L, 1010L, 1020L);
    }

    @Test
    void aClaimWithinAHorizonGetsOnlySlotsDueInIt() {
        schedule.changeRate(100); // slots at 1000, 1010, 1020, ... ms
        // horizon 15 ms from t = 1000: 1000 and 1010 are due by 1015, 1020 is not
        assertThat(schedule.claimWithin(15 * MS).orElseThrow().intendedNanos()).isEqualTo(1_000 * MS);
        assertThat(schedule.claimWithin(15 * MS).orElseThrow().intendedNanos()).isEqualTo(1_010 * MS);
        assertThat(schedule.claimWithin(15 * MS)).isEmpty();
        now.set(1_006 * MS); // 1020 is now 14 ms ahead: within the horizon, and not skipped
        assertThat(schedule.claimWithin(15 * MS).orElseThrow().intendedNanos()).isEqualTo(1_020 * MS);
        schedule.pause();
        assertThat(schedule.claimWithin(1_000 * MS)).isEmpty();
    }

    @Test
    void aLateUserStillGetsTheEarlierSlotSoItsWaitCountsAsLatency() {
        schedule.changeRate(100);
        now.set(1_500 * MS); // nobody claimed for half a second: the slots stay due at their times
        Slot s = schedule.claim().orElseThrow();
        assertThat(s.intendedNanos()).isEqualTo(1_000 * MS);
        // the request sent now and answered at 1502 ms took 502 ms from its intended time
        assertThat((1_502 * MS - s.intendedNanos()) / MS).isEqualTo(502);
    }

    @Test
    void aRateChangeCountsTheDueSlotsNobodyClaimedAndStartsAfresh() {
        schedule.changeRate(100);
        schedule.claim();
        schedule.claim(); // 1000, 1010 claimed
        now.set(1_035 * MS);
        // due by 1035 ms: 1000, 1010, 1020, 1030 = 4 slots, 2 claimed, 2 never sent
        var ended = schedule.changeRate(200).orElseThrow();
        assertThat(ended.segment()).isEqualTo(1);
        assertThat(ended.claimed()).isEqualTo(2);
        assertThat(ended.dueUnclaimed()).isEqualTo(2);
        // the new segment: 5 ms apart from 1035 ms
        assertThat(intendedMs(3)).containsExactly(1035L, 1040L, 1045L);
    }

    @Test
    void aSlotClaimedAheadOfARateChangeIsCancelled() {
        schedule.changeRate(100);
        Slot early = schedule.claim().orElseThrow(); // 1000
        Slot ahead = schedule.claim().orElseThrow(); // 1010, a user waiting for it
        now.set(1_005 * MS);
        schedule.changeRate(50);
        assertThat(schedule.cancelled(early)).isFalse(); // due before the change: it stands
        assertThat(schedule.cancelled(ahead)).isTrue();
        assertThat(schedule.cancelled(schedule.claim().orElseThrow())).isFalse();
    }

    @Test
    void aPausedScheduleHandsOutNothing() {
        assertThat(schedule.claim()).isEmpty();
        assertThat(schedule.pause()).isEmpty();
        schedule.changeRate(10);
        Slot ahead = schedule.claim().orElseThrow();
        schedule.claim();
        now.addAndGet(50 * MS);
        assertThat(schedule.pause().orElseThrow().claimed()).isEqualTo(2);
        assertThat(schedule.claim()).isEmpty();
        assertThat(schedule.rps()).isNaN();
        assertThat(schedule.cancelled(ahead)).isFalse(); // 1000 ms, before the pause at 1050 ms
    }

    @Test
    void intendedTimesDoNotDriftAtARateWithoutAWholeNanosecondInterval() {
        schedule.changeRate(3); // 333,333,333.3 ns apart
        Slot last = null;
        for (int i = 0; i <= 3000; i++) last = schedule.claim().orElseThrow();
        // slot 3000 is due exactly 1000 s after the start; adding a rounded interval would be 1 us off
        assertThat(last.intendedNanos() - 1_000 * MS).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void concurrentUsersShareOneScheduleWithoutLosingOrRepeatingASlot() throws Exception {
        schedule.changeRate(1000); // 1 ms apart
        int users = 4;
        int each = 10_000;
        Set<Long> times = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++)
                    times.add(schedule.claim().orElseThrow().intendedNanos());
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) t.join();
        // 40,000 distinct slots, exactly 1000 ms .. 40999 ms
        assertThat(times).hasSize(users * each);
        assertThat(times.stream().mapToLong(Long::longValue).min().orElseThrow())
                .isEqualTo(1_000 * MS);
        assertThat(times.stream().mapToLong(Long::longValue).max().orElseThrow())
                .isEqualTo((1_000 + 39_999) * MS);
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> schedule.changeRate(0)).hasMessageContaining("> 0 req/s");
        assertThatThrownBy(() -> schedule.changeRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<Long> intendedMs(int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(schedule.claim().orElseThrow().intendedNanos() / MS);
        return out;
    }
}
