package io.deltabridge.core.codec;

import io.delta.kernel.data.ColumnVector;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The UTF-8 bytes of STRING values as Delta Kernel's default Parquet reader holds them, so that
 * encoders copy bytes instead of calling {@link ColumnVector#getString}, which decodes every value
 * with a new {@code CharsetDecoder} (about 40 % of the JSON encoder's CPU and most of its garbage
 * on string-heavy rows).
 *
 * <p>This is the one place that reads Kernel internals ({@code DefaultBinaryVector.values},
 * {@code DefaultViewVector.underlyingVector/offset}). The field handles are looked up once; if a
 * Kernel version changes them, {@link #utf8} returns null and callers fall back to
 * {@code getString} (KernelStringsTest notices).
 */
public final class KernelStrings {
    private static final String VECTORS = "io.delta.kernel.defaults.internal.data.vector.";
    private static final Class<?> BINARY_VECTOR;
    private static final VarHandle BINARY_VALUES;
    private static final Class<?> VIEW_VECTOR;
    private static final VarHandle VIEW_BASE;
    private static final VarHandle VIEW_OFFSET;

    static {
        Class<?> binary = null;
        Class<?> view = null;
        VarHandle values = null;
        VarHandle base = null;
        VarHandle offset = null;
        try {
            binary = Class.forName(VECTORS + "DefaultBinaryVector");
            view = Class.forName(VECTORS + "DefaultViewVector");
            values = MethodHandles.privateLookupIn(binary, MethodHandles.lookup())
                    .findVarHandle(binary, "values", byte[][].class);
            MethodHandles.Lookup viewLookup = MethodHandles.privateLookupIn(view, MethodHandles.lookup());
            base = viewLookup.findVarHandle(view, "underlyingVector", ColumnVector.class);
            offset = viewLookup.findVarHandle(view, "offset", int.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            binary = null; // Kernel's internals differ: every call falls back to getString
        }
        BINARY_VECTOR = binary;
        VIEW_VECTOR = binary == null ? null : view;
        BINARY_VALUES = values;
        VIEW_BASE = base;
        VIEW_OFFSET = offset;
    }

    private KernelStrings() {}

    /** Whether Kernel's vectors could be opened (false means every {@link #utf8} call returns null). */
    public static boolean available() {
        return BINARY_VECTOR != null;
    }

    /**
     * The UTF-8 bytes of the non-null STRING at {@code rowId} (shared with the vector: do not
     * modify), or null when {@code v} is not one of Kernel's default vectors; then use
     * {@code v.getString(rowId)}.
     */
    public static byte[] utf8(ColumnVector v, int rowId) {
        if (BINARY_VECTOR == null) {
            return null;
        }
        Class<?> c = v.getClass();
        if (c == VIEW_VECTOR) {
            rowId += (int) VIEW_OFFSET.get(v);
            v = (ColumnVector) VIEW_BASE.get(v);
            c = v.getClass();
        }
        if (c == BINARY_VECTOR) {
            return ((byte[][]) BINARY_VALUES.get(v))[rowId];
        }
        return null;
    }
}
