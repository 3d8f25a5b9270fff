package io.deltabridge.embedded;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The value rules of the "insights" workload, one method per column, as peer-bench's Spark generator
 * ({@code bench.spark.Common.generatorSql}) and its UPDATE statement compute them.
 */
final class InsightsValues {
    static final String[] SEGMENTS = {"consumer", "smb", "mid_market", "enterprise", "public"};
    static final String[] SOURCES = {"web", "mobile", "store", "partner"};
    static final String[] GEOS = {"eu", "us", "apac", "latam", "mea"};
    static final String[] TIERS = {"bronze", "silver", "gold", "platinum"};
    static final String[] COUNTRIES = {"DE", "FR", "US", "GB", "NL", "ES", "IT", "PL", "SE", "BR"};
    static final String[] ATTRIBUTE_KEYS = {"src", "geo", "tier"};
    static final int FEATURES = 8;
    /** churn_risk is DECIMAL(5,4): kept as its unscaled value. */
    static final int CHURN_SCALE = 4;

    static final int INSERTED_VERSION = 3;
    static final int UPDATED_VERSION = 4;
    private static final long UPDATED_AT_BASE_SECONDS = 1767225600L; // 2026-01-01T00:00:00Z
    private static final long UPDATED_AT_SPREAD_SECONDS = 2592000L; // 30 days

    private InsightsValues() {}

    static String customerId(long id) {
        return "C" + id;
    }

    static String segment(long id) {
        return SEGMENTS[SparkHash.pmod(id, 1, 5)];
    }

    /** round(pmod(hash(id, 2), 1000) / 1000.0, 3) as DOUBLE. */
    static double score(long id) {
        return SparkHash.pmod(id, 2, 1000) / 1000.0;
    }

    /** CAST(pmod(hash(id, 3), 10000) / 10000.0 AS DECIMAL(5,4)), unscaled. */
    static long churnRiskUnscaled(long id) {
        return SparkHash.pmod(id, 3, 10000);
    }

    /** timestamp_seconds(1767225600 + pmod(xxhash64(id, 4), 2592000)) in microseconds. */
    static long updatedAtMicros(long id) {
        return (UPDATED_AT_BASE_SECONDS + Math.floorMod(SparkHash.xxhash64(id, 4), UPDATED_AT_SPREAD_SECONDS))
                * 1_000_000L;
    }

    /** feature i (0-based) = round(pmod(hash(id, i + 101), 100) / 100.0, 2). */
    static double feature(long id, int i) {
        return SparkHash.pmod(id, i + 101, 100) / 100.0;
    }

    static String source(long id) {
        return SOURCES[SparkHash.pmod(id, 5, 4)];
    }

    static String geo(long id) {
        return GEOS[SparkHash.pmod(id, 6, 5)];
    }

    static String tier(long id) {
        return TIERS[SparkHash.pmod(id, 7, 4)];
    }

    static String country(long id) {
        return COUNTRIES[SparkHash.pmod(id, 8, 10)];
    }

    static int tenure(long id) {
        return SparkHash.pmod(id, 9, 120);
    }

    static boolean active(long id) {
        return SparkHash.pmod(id, 10, 10) < 8;
    }

    /** UPDATE ... SET score = round(score * 0.9, 4): Spark rounds a double through its decimal text, half up. */
    static double updatedScore(double score) {
        return new BigDecimal(Double.toString(score * 0.9))
                .setScale(4, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** UPDATE ... SET churn_risk = CAST(least(churn_risk + 0.05, 0.9999) AS DECIMAL(5,4)), unscaled. */
    static long updatedChurnRiskUnscaled(long unscaled) {
        return Math.min(unscaled + 500, 9999);
    }
}
