package dev.headroom.compare;

import dev.headroom.history.RunSummary;
import dev.headroom.sizing.MeasuredStep;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which headline figures two capacity searches can be compared on. Their trials are at rates each
 * search chose, so nothing is compared step by step; the knee and the maximum throughput depend on
 * which trials happened to run, so they are not compared either. What is: the capacity at the SLO,
 * when both searches found their knee (a lower bound beside an answer says nothing of the build);
 * and the per-request figures at the reference load, when both runs measured a trial at the same
 * offered rate there (the probes of two searches from one start rate are at the same rates).
 *
 * @param compared the figures judged
 * @param notes why the others are not, for the comparison's reader
 */
record SearchFigures(Set<Figure> compared, List<String> notes) {

    /** Two trials this close in offered rate are at one load (the search writes rates it computed alike). */
    static final double SAME_RATE = 0.01;

    static SearchFigures of(RunSummary a, RunSummary b) {
        Set<Figure> compared = EnumSet.noneOf(Figure.class);
        List<String> notes = new ArrayList<>();
        notes.add("both runs are capacity searches: their trials are not compared step by step, nor their knee"
                + " and max throughput (which depend on the trials each search chose to run)");
        if (a.figures().saturated() && b.figures().saturated()) compared.add(Figure.CAPACITY_AT_SLO);
        else
            notes.add("capacity at SLO not compared: " + lowerBounds(a, b)
                    + " (a search that did not find its knee gives a lower bound)");
        Optional<MeasuredStep> x = reference(a);
        Optional<MeasuredStep> y = reference(b);
        boolean sameRate = x.isPresent()
                && y.isPresent()
                && Math.abs(x.get().offeredRps() - y.get().offeredRps())
                        <= SAME_RATE * Math.max(x.get().offeredRps(), y.get().offeredRps());
        if (sameRate) {
            for (Figure f : Figure.values()) if (f.atReference()) compared.add(f);
        } else
            notes.add(String.format(
                    Locale.ROOT,
                    "per-request figures not compared: the trials nearest the reference load are at %s and %s"
                            + " req/s offered, not one rate",
                    x.map(s -> String.format(Locale.ROOT, "%.0f", s.offeredRps()))
                            .orElse("none"),
                    y.map(s -> String.format(Locale.ROOT, "%.0f", s.offeredRps()))
                            .orElse("none")));
        return new SearchFigures(compared, notes);
    }

    private static Optional<MeasuredStep> reference(RunSummary r) {
        int step = r.figures().referenceStep();
        return r.steps().stream().filter(s -> s.step() == step).findFirst();
    }

    private static String lowerBounds(RunSummary a, RunSummary b) {
        List<String> which = new ArrayList<>();
        for (RunSummary r : List.of(a, b))
            if (!r.figures().saturated())
                which.add(r.runId() + " ended "
                        + r.searchEnd().map(e -> e.jsonName()).orElse("without finding its knee"));
        return String.join(", ", which);
    }
}
