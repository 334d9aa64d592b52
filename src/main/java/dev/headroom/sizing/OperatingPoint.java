package dev.headroom.sizing;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Where the service's figures at its capacity are read: one step of a staircase, or every
 * full-length trial that passed at a search's capacity. Those trials offered one rate for the same
 * length, so together they are one observation of that rate as long as all of them, and the
 * utilization law holds over it as over one window (Denning and Buzen, 1978: U and X over the same
 * observation period): D = ΣU / ΣX. Reading one of them instead, as the sizer did until 2026-12-07,
 * took one window's CPU, which moves from window to window by more than the load does
 * (docs/search.md, "2026-12-07, AMD, later", has what that did to the plans of the runs kept from
 * 2026-12-06 and 07).
 *
 * @param steps at least one
 */
public record OperatingPoint(List<MeasuredStep> steps) {

    public OperatingPoint {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) throw new IllegalArgumentException("an operating point needs at least one step");
    }

    /** The steps where {@code figure} and the throughput are both above 0. */
    public List<MeasuredStep> measuring(ToDoubleFunction<MeasuredStep> figure) {
        return steps.stream()
                .filter(s -> s.throughputRps() > 0 && figure.applyAsDouble(s) > 0)
                .toList();
    }

    /** Mean throughput (req/s) over the steps that measured {@code figure}; NaN when none did. */
    public double throughputRps(ToDoubleFunction<MeasuredStep> figure) {
        return measuring(figure).stream()
                .mapToDouble(MeasuredStep::throughputRps)
                .average()
                .orElse(Double.NaN);
    }

    /** Mean of {@code figure} (e.g. cores) over the steps that measured it; NaN when none did. */
    public double mean(ToDoubleFunction<MeasuredStep> figure) {
        return measuring(figure).stream().mapToDouble(figure).average().orElse(Double.NaN);
    }

    /** ΣU / ΣX over the steps that measured {@code cpu}: CPU seconds per request; NaN when none did. */
    public double cpuSecondsPerRequest(ToDoubleFunction<MeasuredStep> cpu) {
        List<MeasuredStep> m = measuring(cpu);
        double work = m.stream().mapToDouble(cpu).sum();
        double rate = m.stream().mapToDouble(MeasuredStep::throughputRps).sum();
        return m.isEmpty() ? Double.NaN : work / rate;
    }

    /** "step 7", or "trials 14, 15 and 16", of the steps that measured {@code figure}. */
    public String label(ToDoubleFunction<MeasuredStep> figure) {
        List<MeasuredStep> m = measuring(figure);
        if (m.isEmpty()) return "no step";
        if (m.size() == 1) return "step " + m.get(0).step();
        List<String> n =
                m.stream().map(MeasuredStep::step).sorted().map(String::valueOf).toList();
        return String.format(
                Locale.ROOT,
                "trials %s and %s",
                n.subList(0, n.size() - 1).stream().collect(Collectors.joining(", ")),
                n.get(n.size() - 1));
    }
}
