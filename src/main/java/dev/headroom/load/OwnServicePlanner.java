package dev.headroom.load;

import dev.headroom.scenario.OwnRequest;
import java.util.List;
import java.util.random.RandomGenerator;

/** The user's own requests, by their weights, with each path's and body's placeholders filled in afresh. */
public final class OwnServicePlanner implements RequestPlanner {
    private final List<OwnRequest> requests;
    private final WeightedChoice choice;

    public OwnServicePlanner(List<OwnRequest> requests) {
        this.requests = List.copyOf(requests);
        this.choice =
                new WeightedChoice(requests.stream().map(OwnRequest::weight).toList());
    }

    @Override
    public Request next(RandomGenerator random) {
        int i = choice.next(random);
        OwnRequest r = requests.get(i);
        String body = r.body().map(b -> b.render(random)).orElse(null);
        return new Request(i, r.name(), r.path().render(random), body, null, false);
    }
}
