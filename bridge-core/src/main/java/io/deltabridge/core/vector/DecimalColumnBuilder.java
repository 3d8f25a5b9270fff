package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DecimalType;
import io.deltabridge.core.error.Problem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * DECIMAL(p,s) values: unscaled longs when p <= 18 (no object per value), BigDecimals otherwise.
 */
final class DecimalColumnBuilder extends ColumnBuilder {
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final int precision;
    private final int scale;
    private final boolean compact;
    private long[] unscaled = new long[0];
    private BigDecimal[] big = new BigDecimal[0];

    DecimalColumnBuilder(DecimalType type, String path, boolean nullable) {
        super(type, path, nullable);
        this.precision = type.getPrecision();
        this.scale = type.getScale();
        this.compact = precision <= 18;
    }

    @Override
    public void appendDecimal(BigDecimal value) {
        BigDecimal scaled;
        try {
            scaled = value.scale() == scale ? value : value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw outOfRange(value.toPlainString(), "it has more than " + scale + " fraction digits");
        }
        if (scaled.precision() > precision && scaled.signum() != 0) {
            throw outOfRange(value.toPlainString(), "it has more than " + (precision - scale) + " integer digits");
        }
        int i = nextSlot();
        if (compact) {
            unscaled[i] = scaled.unscaledValue().longValue();
        } else {
            big[i] = scaled;
        }
    }

    @Override
    public void appendDecimalUnscaled(long value) {
        if (compact) {
            if (value >= POWERS_OF_TEN[precision] || value <= -POWERS_OF_TEN[precision]) {
                throw outOfRange(
                        BigDecimal.valueOf(value, scale).toPlainString(), "it has more than " + precision + " digits");
            }
            int i = nextSlot();
            unscaled[i] = value;
        } else {
            appendDecimal(BigDecimal.valueOf(value, scale));
        }
    }

    private RuntimeException outOfRange(String value, String reason) {
        return Problem.of("Value %s does not fit column '%s' of type DECIMAL(%d,%d)", value, path(), precision, scale)
                .because(reason)
                .fix("send values that fit DECIMAL(%d,%d), or widen the column", precision, scale)
                .data();
    }

    @Override
    void onNull(int i) {
        if (!compact) {
            big[i] = null;
        }
    }

    @Override
    void truncate(int newSize) {
        if (!compact) {
            Arrays.fill(big, newSize, Math.max(newSize, size), null);
        }
        super.truncate(newSize);
    }

    @Override
    void resize(int newCapacity) {
        if (compact) {
            unscaled = Arrays.copyOf(unscaled, newCapacity);
        } else {
            big = Arrays.copyOf(big, newCapacity);
        }
    }

    @Override
    long byteSize() {
        return (long) size * (compact ? 8 : 32);
    }

    @Override
    public ColumnVector vector() {
        long[] u = unscaled;
        BigDecimal[] b = big;
        int s = scale;
        boolean c = compact;
        return new BuiltVector(type(), size, nulls) {
            @Override
            public BigDecimal getDecimal(int rowId) {
                if (isNullAt(rowId)) {
                    return null;
                }
                return c ? BigDecimal.valueOf(u[rowId], s) : b[rowId];
            }
        };
    }
}
