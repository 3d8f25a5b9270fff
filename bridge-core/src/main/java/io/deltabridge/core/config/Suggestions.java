package io.deltabridge.core.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?": the known word nearest to a misspelt one, by edit distance. */
final class Suggestions {
    private Suggestions() {}

    /**
     * The candidate closest to {@code word}, if it is close enough to be a likely typo: at most
     * two edits, or a third of the word's length for long words. Case and {@code _} versus
     * {@code -} do not count ({@code partitionBy} and {@code partition_by} suggest {@code partition-by}).
     */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String normalized = normalize(word);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(normalized, normalize(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int limit = Math.max(2, word.length() / 3);
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    private static String normalize(String word) {
        return word.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Levenshtein distance, with the hyphen optional (a missing or extra {@code -} costs nothing). */
    static int distance(String a, String b) {
        a = a.replace("-", "");
        b = b.replace("-", "");
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
