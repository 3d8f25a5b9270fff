package io.deltabridge.embedded;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.ColumnBuilder;
import java.util.function.IntPredicate;

/**
 * A chunk of insights rows held column by column in plain arrays: generated, read from Parquet,
 * updated, then appended to a {@link BatchBuilder} to be written.
 */
final class InsightsColumns {
    static final DecimalType CHURN_TYPE = new DecimalType(5, InsightsValues.CHURN_SCALE);
    static final ArrayType FEATURES_TYPE = new ArrayType(DoubleType.DOUBLE, true);
    static final MapType ATTRIBUTES_TYPE = new MapType(StringType.STRING, StringType.STRING, true);
    /** The Delta schema, in column order: like Spark's {@code CREATE TABLE} of peer-bench (all columns nullable). */
    static final StructType SCHEMA = new StructType()
            .add("id", LongType.LONG, true)
            .add("customer_id", StringType.STRING, true)
            .add("segment", StringType.STRING, true)
            .add("score", DoubleType.DOUBLE, true)
            .add("churn_risk", CHURN_TYPE, true)
            .add("updated_at", TimestampType.TIMESTAMP, true)
            .add("features", FEATURES_TYPE, true)
            .add("attributes", ATTRIBUTES_TYPE, true)
            .add("country", StringType.STRING, true)
            .add("tenure", IntegerType.INTEGER, true)
            .add("active", BooleanType.BOOLEAN, true)
            .add("version", IntegerType.INTEGER, true);

    static final String CHANGE_TYPE = "_change_type";
    /** The schema of cdc files: the table's columns, then {@code _change_type}. */
    static final StructType CDC_SCHEMA = SCHEMA.add(CHANGE_TYPE, StringType.STRING, true);

    private static final int F = InsightsValues.FEATURES;
    private static final int A = InsightsValues.ATTRIBUTE_KEYS.length;

    final int size;
    final long[] id;
    final String[] customerId;
    final String[] segment;
    final double[] score;
    final long[] churnUnscaled;
    final long[] updatedAtMicros;
    final double[] features;
    final String[][] attributes;
    final String[] country;
    final int[] tenure;
    final boolean[] active;
    final int[] version;

    private InsightsColumns(int size) {
        this.size = size;
        id = new long[size];
        customerId = new String[size];
        segment = new String[size];
        score = new double[size];
        churnUnscaled = new long[size];
        updatedAtMicros = new long[size];
        features = new double[size * F];
        attributes = new String[A][size];
        country = new String[size];
        tenure = new int[size];
        active = new boolean[size];
        version = new int[size];
    }

    /** The inserted rows for ids {@code fromId .. fromId + count - 1}. */
    static InsightsColumns generate(long fromId, int count) {
        InsightsColumns c = new InsightsColumns(count);
        for (int i = 0; i < count; i++) {
            long id = fromId + i;
            c.id[i] = id;
            c.customerId[i] = InsightsValues.customerId(id);
            c.segment[i] = InsightsValues.segment(id);
            c.score[i] = InsightsValues.score(id);
            c.churnUnscaled[i] = InsightsValues.churnRiskUnscaled(id);
            c.updatedAtMicros[i] = InsightsValues.updatedAtMicros(id);
            for (int f = 0; f < F; f++) {
                c.features[i * F + f] = InsightsValues.feature(id, f);
            }
            c.attributes[0][i] = InsightsValues.source(id);
            c.attributes[1][i] = InsightsValues.geo(id);
            c.attributes[2][i] = InsightsValues.tier(id);
            c.country[i] = InsightsValues.country(id);
            c.tenure[i] = InsightsValues.tenure(id);
            c.active[i] = InsightsValues.active(id);
            c.version[i] = InsightsValues.INSERTED_VERSION;
        }
        return c;
    }

    /** Copies a batch read with {@link #SCHEMA} (columns in schema order, no nulls, 8 features, the three attribute keys). */
    static InsightsColumns read(ColumnarBatch batch) {
        int n = batch.getSize();
        InsightsColumns c = new InsightsColumns(n);
        ColumnVector[] v = new ColumnVector[SCHEMA.length()];
        for (int k = 0; k < v.length; k++) {
            v[k] = batch.getColumnVector(k);
        }
        for (int i = 0; i < n; i++) {
            c.id[i] = v[0].getLong(i);
            c.customerId[i] = v[1].getString(i);
            c.segment[i] = v[2].getString(i);
            c.score[i] = v[3].getDouble(i);
            c.churnUnscaled[i] = v[4].getDecimal(i)
                    .setScale(InsightsValues.CHURN_SCALE)
                    .unscaledValue()
                    .longValueExact();
            c.updatedAtMicros[i] = v[5].getLong(i);
            ArrayValue features = v[6].getArray(i);
            if (features.getSize() != F) {
                throw new IllegalStateException(
                        "row id " + c.id[i] + " has " + features.getSize() + " features, not " + F);
            }
            for (int f = 0; f < F; f++) {
                c.features[i * F + f] = features.getElements().getDouble(f);
            }
            MapValue attributes = v[7].getMap(i);
            for (int e = 0; e < attributes.getSize(); e++) {
                c.attributes[attributeIndex(attributes.getKeys().getString(e))][i] =
                        attributes.getValues().getString(e);
            }
            c.country[i] = v[8].getString(i);
            c.tenure[i] = v[9].getInt(i);
            c.active[i] = v[10].getBoolean(i);
            c.version[i] = v[11].getInt(i);
        }
        return c;
    }

    /** The rows whose index matches, in order. */
    InsightsColumns select(IntPredicate rows) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (rows.test(i)) {
                n++;
            }
        }
        InsightsColumns c = new InsightsColumns(n);
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (rows.test(i)) {
                c.copyRow(this, i, j++);
            }
        }
        return c;
    }

    /** Applies the standard UPDATE to row {@code i}. */
    void update(int i, long updatedAt) {
        score[i] = InsightsValues.updatedScore(score[i]);
        churnUnscaled[i] = InsightsValues.updatedChurnRiskUnscaled(churnUnscaled[i]);
        updatedAtMicros[i] = updatedAt;
        version[i] = InsightsValues.UPDATED_VERSION;
    }

    /**
     * Appends the rows to {@code batch}, a builder of {@link #SCHEMA}, or of {@link #CDC_SCHEMA} when
     * {@code changeType} (the {@code _change_type} of every row) is not null.
     */
    void appendTo(BatchBuilder batch, String changeType) {
        ColumnBuilder[] c = new ColumnBuilder[batch.columnCount()];
        for (int k = 0; k < c.length; k++) {
            c[k] = batch.column(k);
        }
        ColumnBuilder featureValues = c[6].elements();
        ColumnBuilder attributeKeys = c[7].keys();
        ColumnBuilder attributeValues = c[7].values();
        for (int i = 0; i < size; i++) {
            batch.startRow();
            c[0].appendLong(id[i]);
            c[1].appendString(customerId[i]);
            c[2].appendString(segment[i]);
            c[3].appendDouble(score[i]);
            c[4].appendDecimalUnscaled(churnUnscaled[i]);
            c[5].appendTimestamp(updatedAtMicros[i]);
            c[6].beginArray();
            for (int f = 0; f < F; f++) {
                featureValues.appendDouble(features[i * F + f]);
            }
            c[6].endArray();
            c[7].beginMap();
            for (int a = 0; a < A; a++) {
                attributeKeys.appendString(InsightsValues.ATTRIBUTE_KEYS[a]);
                attributeValues.appendString(attributes[a][i]);
            }
            c[7].endMap();
            c[8].appendString(country[i]);
            c[9].appendInt(tenure[i]);
            c[10].appendBoolean(active[i]);
            c[11].appendInt(version[i]);
            if (changeType != null) {
                c[12].appendString(changeType);
            }
            batch.commitRow();
        }
    }

    private void copyRow(InsightsColumns from, int i, int j) {
        id[j] = from.id[i];
        customerId[j] = from.customerId[i];
        segment[j] = from.segment[i];
        score[j] = from.score[i];
        churnUnscaled[j] = from.churnUnscaled[i];
        updatedAtMicros[j] = from.updatedAtMicros[i];
        System.arraycopy(from.features, i * F, features, j * F, F);
        for (int a = 0; a < A; a++) {
            attributes[a][j] = from.attributes[a][i];
        }
        country[j] = from.country[i];
        tenure[j] = from.tenure[i];
        active[j] = from.active[i];
        version[j] = from.version[i];
    }

    private static int attributeIndex(String key) {
        for (int a = 0; a < A; a++) {
            if (InsightsValues.ATTRIBUTE_KEYS[a].equals(key)) {
                return a;
            }
        }
        throw new IllegalStateException("unexpected attributes key '" + key + "'");
    }
}
