package io.deltabridge.core.parquet;

import static org.apache.parquet.hadoop.ParquetOutputFormat.BLOCK_SIZE;
import static org.apache.parquet.hadoop.ParquetOutputFormat.COMPRESSION;
import static org.apache.parquet.hadoop.ParquetOutputFormat.DICTIONARY_PAGE_SIZE;
import static org.apache.parquet.hadoop.ParquetOutputFormat.ENABLE_DICTIONARY;
import static org.apache.parquet.hadoop.ParquetOutputFormat.MAX_PADDING_BYTES;
import static org.apache.parquet.hadoop.ParquetOutputFormat.PAGE_SIZE;
import static org.apache.parquet.hadoop.ParquetOutputFormat.WRITER_VERSION;

import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.defaults.internal.parquet.ParquetFileWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How Kernel's default writer lays out its files, from the same Hadoop configuration keys and with the same defaults
 * (those of parquet-mr's {@link ParquetWriter.Builder}, which Kernel sets only from these keys): codec (uncompressed
 * unless {@code parquet.compression} says otherwise), row group and page sizes, dictionary, writer version, and
 * Kernel's target file size.
 */
record ParquetSettings(
        CompressionCodecName codec,
        long rowGroupSize,
        int maxPaddingSize,
        ParquetProperties properties,
        long targetFileSize) {

    static ParquetSettings from(FileIO io) {
        ParquetProperties.Builder properties = ParquetProperties.builder();
        io.getConf(PAGE_SIZE).map(Integer::parseInt).ifPresent(properties::withPageSize);
        io.getConf(DICTIONARY_PAGE_SIZE).map(Integer::parseInt).ifPresent(properties::withDictionaryPageSize);
        io.getConf(ENABLE_DICTIONARY).map(Boolean::parseBoolean).ifPresent(properties::withDictionaryEncoding);
        io.getConf(WRITER_VERSION).map(WriterVersion::fromString).ifPresent(properties::withWriterVersion);
        long targetFileSize = io.getConf(ParquetFileWriter.TARGET_FILE_SIZE_CONF)
                .map(Long::valueOf)
                .orElse(ParquetFileWriter.DEFAULT_TARGET_FILE_SIZE);
        if (targetFileSize <= 0) {
            throw new IllegalArgumentException("Invalid target Parquet file size: " + targetFileSize);
        }
        return new ParquetSettings(
                io.getConf(COMPRESSION)
                        .map(CompressionCodecName::fromConf)
                        .orElse(ParquetWriter.DEFAULT_COMPRESSION_CODEC_NAME),
                io.getConf(BLOCK_SIZE).map(Long::parseLong).orElse((long) ParquetWriter.DEFAULT_BLOCK_SIZE),
                io.getConf(MAX_PADDING_BYTES).map(Integer::parseInt).orElse(ParquetWriter.MAX_PADDING_SIZE_DEFAULT),
                properties.build(),
                targetFileSize);
    }
}
