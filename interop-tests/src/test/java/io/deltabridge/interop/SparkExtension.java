package io.deltabridge.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link SparkSql} parameters ({@code @BeforeAll}, constructors, tests): one Spark JVM per test class,
 * started on first use (its working directory under the system temp directory) and stopped after the class.
 */
public final class SparkExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SparkExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkSql.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()
                && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, k -> new Running(start()), Running.class)
                .spark();
    }

    private static SparkSql start() {
        try {
            return SparkSql.start(Files.createTempDirectory("interop-spark"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closed by JUnit with the store of the class. */
    private record Running(SparkSql spark) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            spark.close();
        }
    }
}
