package io.deltabridge.d2k.changefeed;

/** A set of row indexes of a data file (the rows a deletion vector marks). */
@FunctionalInterface
interface RowIndexSet {
    boolean contains(long rowIndex);
}
