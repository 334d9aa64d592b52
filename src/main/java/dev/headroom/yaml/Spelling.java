package dev.headroom.yaml;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Suggests the accepted name an unknown one was probably meant to be ({@code stpe_rps}: {@code step_rps}). */
final class Spelling {
    private static final int MAX_EDITS = 2;

    private Spelling() {}

    static Optional<String> closest(String given, Collection<String> accepted) {
        return accepted.stream()
                .filter(candidate -> distance(given, candidate) <= MAX_EDITS)
                .min(Comparator.comparingInt(candidate -> distance(given, candidate)));
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
     * adjacent characters, the usual typing slips, each count one edit.
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
