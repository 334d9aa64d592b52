package dev.headroom.load;

import java.util.List;
import java.util.random.RandomGenerator;

/** Picks an index with probability proportional to its weight; weights of 0 are never picked. */
final class WeightedChoice {
    private final int[] indexes;
    private final long[] cumulative;

    WeightedChoice(List<Integer> weights) {
        int[] idx = new int[weights.size()];
        long[] cum = new long[weights.size()];
        int n = 0;
        long sum = 0;
        for (int i = 0; i < weights.size(); i++) {
            if (weights.get(i) <= 0) continue;
            sum += weights.get(i);
            idx[n] = i;
            cum[n] = sum;
            n++;
        }
        if (n == 0) throw new IllegalArgumentException("no weight > 0 in " + weights);
        this.indexes = java.util.Arrays.copyOf(idx, n);
        this.cumulative = java.util.Arrays.copyOf(cum, n);
    }

    int next(RandomGenerator random) {
        long ticket = random.nextLong(cumulative[cumulative.length - 1]);
        int i = 0;
        while (ticket >= cumulative[i]) i++;
        return indexes[i];
    }
}
