package io.deltabridge.core.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.deltabridge.core.config.Secrets;

/**
 * A logback pattern layout that replaces every secret of the loaded bridge configurations with
 * {@value Secrets#MASK} in the whole line: message, stack trace and anything a library printed
 * (Kafka's configuration dumps, a URL with credentials, an exception quoting a setting). The bridge
 * CLI logs through it; an application embedding the bridge uses it in its own {@code logback.xml}:
 *
 * <pre>{@code
 * <encoder class="ch.qos.logback.core.encoder.LayoutWrappingEncoder">
 *   <layout class="io.deltabridge.core.logging.SecretMaskingLayout">
 *     <pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n</pattern>
 *   </layout>
 * </encoder>
 * }</pre>
 */
public class SecretMaskingLayout extends PatternLayout {
    @Override
    public String doLayout(ILoggingEvent event) {
        return Secrets.maskRemembered(super.doLayout(event));
    }
}
