package io.deltabridge.embedded;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the "insights" table as plain Java values, e.g. to compare what a reader returns with
 * what {@link InsightsTable} wrote: {@code InsightsRow.generate(id)} is the inserted row,
 * {@code .updated(at)} the row after the standard UPDATE.
 */
public record InsightsRow(
        long id,
        String customerId,
        String segment,
        double score,
        BigDecimal churnRisk,
        Instant updatedAt,
        List<Double> features,
        Map<String, String> attributes,
        String country,
        int tenure,
        boolean active,
        int version) {

    /** The row {@link InsightsTable} inserts for {@code id} (the same values as peer-bench's Spark generator). */
    public static InsightsRow generate(long id) {
        List<Double> features = new ArrayList<>(InsightsValues.FEATURES);
        for (int i = 0; i < InsightsValues.FEATURES; i++) {
            features.add(InsightsValues.feature(id, i));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("src", InsightsValues.source(id));
        attributes.put("geo", InsightsValues.geo(id));
        attributes.put("tier", InsightsValues.tier(id));
        return new InsightsRow(
                id,
                InsightsValues.customerId(id),
                InsightsValues.segment(id),
                InsightsValues.score(id),
                BigDecimal.valueOf(InsightsValues.churnRiskUnscaled(id), InsightsValues.CHURN_SCALE),
                microsToInstant(InsightsValues.updatedAtMicros(id)),
                List.copyOf(features),
                java.util.Collections.unmodifiableMap(attributes),
                InsightsValues.country(id),
                InsightsValues.tenure(id),
                InsightsValues.active(id),
                InsightsValues.INSERTED_VERSION);
    }

    /** This row after the standard UPDATE (score, churn_risk, updated_at = {@code at} truncated to microseconds, version 4). */
    public InsightsRow updated(Instant at) {
        long churn = InsightsValues.updatedChurnRiskUnscaled(
                churnRisk.unscaledValue().longValueExact());
        return new InsightsRow(
                id,
                customerId,
                segment,
                InsightsValues.updatedScore(score),
                BigDecimal.valueOf(churn, InsightsValues.CHURN_SCALE),
                microsToInstant(toMicros(at)),
                features,
                attributes,
                country,
                tenure,
                active,
                InsightsValues.UPDATED_VERSION);
    }

    static long toMicros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    static Instant microsToInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
