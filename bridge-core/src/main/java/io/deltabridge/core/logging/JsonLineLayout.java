package io.deltabridge.core.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.core.config.Secrets;
import java.time.Instant;
import java.util.Map;

/**
 * A logback layout writing one JSON object per line, for log collectors (Loki, Elasticsearch, Cloud Logging):
 * {@code time} (ISO-8601, UTC), {@code level}, {@code logger}, {@code thread}, {@code message}, {@code error}
 * (the stack trace, when there is one) and {@code mdc} (when set). Secrets of the loaded configurations are
 * masked in every field, as by {@link SecretMaskingLayout}. The bridge CLI switches to it with
 * {@code BRIDGE_LOG_FORMAT=json}.
 */
public class JsonLineLayout extends LayoutBase<ILoggingEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String doLayout(ILoggingEvent event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("level", event.getLevel().toString());
        line.put("logger", event.getLoggerName());
        line.put("thread", event.getThreadName());
        line.put("message", Secrets.maskRemembered(event.getFormattedMessage()));
        if (event.getThrowableProxy() != null) {
            line.put("error", Secrets.maskRemembered(ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (!mdc.isEmpty()) {
            ObjectNode fields = line.putObject("mdc");
            mdc.forEach((k, v) -> fields.put(k, Secrets.maskRemembered(v)));
        }
        return line + CoreConstants.LINE_SEPARATOR;
    }
}
