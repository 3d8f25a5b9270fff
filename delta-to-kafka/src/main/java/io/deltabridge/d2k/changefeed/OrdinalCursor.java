package io.deltabridge.d2k.changefeed;

/** Numbers the change rows of one version and drops the first ones a resumed read has already published. */
final class OrdinalCursor {
    private long next;
    private long toSkip;

    OrdinalCursor(long skip) {
        this.toSkip = skip;
    }

    long next() {
        return next;
    }

    /** Whether a whole file of {@code count} change rows is already published: then it is counted and not read. */
    boolean skipsWhole(long count) {
        if (count < 0 || count > toSkip) {
            return false;
        }
        toSkip -= count;
        next += count;
        return true;
    }

    /**
     * Takes the {@code count} change rows of a batch: returns how many of them, from the start,
     * are skipped; the cursor then points past the batch.
     */
    int take(int count) {
        int skipped = (int) Math.min(toSkip, count);
        toSkip -= skipped;
        next += count;
        return skipped;
    }
}
