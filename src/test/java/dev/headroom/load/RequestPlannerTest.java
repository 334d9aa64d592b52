package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.scenario.Endpoint;
import dev.headroom.scenario.OwnRequest;
import dev.headroom.scenario.RequestTemplate;
import dev.headroom.service.seed.SeedResult;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestPlannerTest {
    private static final int DRAWS = 40_000;

    private static OwnRequest own(String name, int weight, String path) {
        return new OwnRequest(name, weight, "GET", RequestTemplate.parse(path), Map.of(), Optional.empty(), List.of());
    }

    @Test
    void ownRequestsAreChosenByWeightAndAWeightOfZeroIsNeverSent() {
        OwnServicePlanner planner = new OwnServicePlanner(
                List.of(own("a", 3, "/a/${random:1-9}"), own("never", 0, "/never"), own("b", 1, "/b")));
        SplittableRandom random = new SplittableRandom(7);
        int[] byIndex = new int[3];
        for (int i = 0; i < DRAWS; i++) {
            RequestPlanner.Request r = planner.next(random);
            byIndex[r.index()]++;
            if (r.index() == 0) assertThat(r.path()).matches("/a/[1-9]").isNotEqualTo("/a/${random:1-9}");
            if (r.index() == 2) assertThat(r.path()).isEqualTo("/b");
            assertThat(r.name()).isEqualTo(List.of("a", "never", "b").get(r.index()));
        }
        // binomial: share 3/4, sd = sqrt(0.75 * 0.25 / 40,000) = 0.0022; five sd either side
        assertThat(byIndex[0] / (double) DRAWS).isCloseTo(0.75, within(0.011));
        assertThat(byIndex[1]).isZero();
        assertThat(byIndex[0] + byIndex[2]).isEqualTo(DRAWS);
    }

    @Test
    void referenceRequestsAreFiledByEndpointAndAskForRowsThatExist() {
        Map<Endpoint, Integer> mix = new EnumMap<>(Endpoint.class);
        mix.put(Endpoint.MENU, 1);
        mix.put(Endpoint.GET_ORDER, 1);
        mix.put(Endpoint.CREATE_ORDER, 1);
        SeedResult seeded = new SeedResult(5, 4, 100, 0);
        ReferencePlanner planner = new ReferencePlanner(mix, seeded, new OrderLedger("t-", 100));
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 2_000; i++) {
            RequestPlanner.Request r = planner.next(random);
            Endpoint e = Endpoint.values()[r.index()];
            assertThat(r.name()).isEqualTo(e.key());
            switch (e) {
                case MENU -> assertThat(r.path()).matches("/stores/[1-5]/menu");
                case GET_ORDER -> assertThat(Long.parseLong(r.path().substring("/orders/".length())))
                        .isBetween(1L, 100L);
                case CREATE_ORDER -> {
                    assertThat(r.path()).isEqualTo("/orders");
                    assertThat(r.idempotencyKey()).startsWith("t-");
                    // items of the order's own store: store s owns items (s-1)*4+1 .. s*4
                    long store = Long.parseLong(r.body().replaceAll(".*\"storeId\":(\\d+).*", "$1"));
                    java.util.regex.Matcher m =
                            java.util.regex.Pattern.compile("\"itemId\":(\\d+)").matcher(r.body());
                    while (m.find()) {
                        assertThat(Long.parseLong(m.group(1))).isBetween((store - 1) * 4 + 1, store * 4);
                    }
                }
                default -> throw new AssertionError("not in the mix: " + e);
            }
        }
    }
}
