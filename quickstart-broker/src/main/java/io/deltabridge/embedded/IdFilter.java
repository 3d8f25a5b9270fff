package io.deltabridge.embedded;

import java.util.Arrays;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

/**
 * Which rows an {@link InsightsTable} update or delete touches, by id: the test itself and the SQL text
 * recorded as the commit's predicate (as Spark records {@code WHERE} clauses).
 */
public record IdFilter(String sql, LongPredicate test) {

    /** {@code id % divisor = remainder}, e.g. {@code modulo(10, 0)} for the standard 10 % update. */
    public static IdFilter modulo(long divisor, long remainder) {
        return new IdFilter("(id % " + divisor + " = " + remainder + ")", id -> id % divisor == remainder);
    }

    /** {@code id IN (...)}. */
    public static IdFilter in(long... ids) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        String list = Arrays.stream(sorted).mapToObj(Long::toString).collect(Collectors.joining(","));
        return new IdFilter("id IN (" + list + ")", id -> Arrays.binarySearch(sorted, id) >= 0);
    }

    /** {@code id >= from AND id < to}. */
    public static IdFilter range(long from, long to) {
        return new IdFilter("((id >= " + from + ") AND (id < " + to + "))", id -> id >= from && id < to);
    }

    boolean matches(long id) {
        return test.test(id);
    }
}
