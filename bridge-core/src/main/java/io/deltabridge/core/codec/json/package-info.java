/**
 * {@code format: json}: {@link io.deltabridge.core.codec.json.JsonRowEncoder} (rows from column
 * vectors to UTF-8 JSON, the delta → kafka hot path) and {@link io.deltabridge.core.codec.json.JsonRowDecoder}
 * (records into a {@link io.deltabridge.core.vector.BatchBuilder} with Jackson's streaming parser).
 */
package io.deltabridge.core.codec.json;
