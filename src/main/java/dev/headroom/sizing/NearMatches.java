package dev.headroom.sizing;

import java.util.Collection;
import java.util.List;

/**
 * The known names an unknown one was probably meant to be ({@code t3.mirco}: {@code t3.micro};
 * {@code us-est-1}: {@code us-east-1}), so that an error can say what to type instead of only what
 * was wrong.
 */
public final class NearMatches {
    /** Two edits cover the usual slips: a swapped pair, a missing or doubled letter, a wrong digit. */
    private static final int MAX_EDITS = 2;

    private static final int MAX_SHOWN = 5;

    private NearMatches() {}

    /**
     * The known names nearest to {@code given}, if within two edits (all that are equally near, up to
     * five); when none is, the known names that share its part before the first dot
     * ({@code m6i.metal}: the m6i sizes), so that a size the catalog lacks is answered with the sizes
     * it has.
     */
    public static List<String> of(String given, Collection<String> known) {
        int nearest = known.stream().mapToInt(k -> distance(given, k)).min().orElse(Integer.MAX_VALUE);
        if (nearest <= MAX_EDITS) {
            return known.stream()
                    .filter(k -> distance(given, k) == nearest)
                    .limit(MAX_SHOWN)
                    .toList();
        }
        if (given.indexOf('.') < 0) return List.of();
        String prefix = given.substring(0, given.indexOf('.') + 1);
        return known.stream().filter(k -> k.startsWith(prefix)).limit(MAX_SHOWN).toList();
    }

    /** {@code " (did you mean a, b?)"}, or nothing when no known name is near. */
    public static String hint(String given, Collection<String> known) {
        List<String> near = of(given, known);
        return near.isEmpty() ? "" : " (did you mean " + String.join(", ", near) + "?)";
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
     * adjacent characters each count one edit.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
