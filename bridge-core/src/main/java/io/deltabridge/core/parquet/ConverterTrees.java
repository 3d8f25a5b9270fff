package io.deltabridge.core.parquet;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;

/**
 * The converters parquet-mr's column readers are built with: a column reader takes the converter at its column's
 * path in a tree shaped like the requested schema, and calls it only for dictionaries and dictionary-aware values.
 */
final class ConverterTrees {
    private ConverterTrees() {}

    /** A group whose fields' converters are {@code children}, in field order. */
    static GroupConverter group(Converter... children) {
        return new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return children[fieldIndex];
            }

            @Override
            public void start() {}

            @Override
            public void end() {}
        };
    }
}
