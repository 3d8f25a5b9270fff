package io.deltabridge.core.delta;

import io.deltabridge.core.error.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Normalises how a table is named: a local path becomes {@code file:/abs/path}, a URI keeps
 * its scheme and authority ({@code s3a://bucket/p}); no trailing slash. The normalised form is
 * what goes into the {@code deltabridge.source} header and what the loop guard compares.
 */
public final class TableUris {
    private TableUris() {}

    public static String normalize(String pathOrUri) {
        String s = pathOrUri.strip();
        if (s.isEmpty()) {
            throw Problem.of("Empty Delta table location")
                    .fix("give a path or a URI such as s3a://bucket/table")
                    .config();
        }
        if (!hasScheme(s)) {
            return "file:"
                    + stripTrailingSlash(Path.of(s).toAbsolutePath().normalize().toString());
        }
        try {
            URI uri = new URI(s).normalize();
            if ("file".equals(uri.getScheme())) {
                return "file:"
                        + stripTrailingSlash(Path.of(uri.getPath()).normalize().toString());
            }
            return stripTrailingSlash(uri.toString());
        } catch (URISyntaxException e) {
            throw Problem.of("Invalid Delta table location '%s'", s)
                    .because("%s", e.getMessage())
                    .fix("use a local path or a URI such as s3a://bucket/table (escape spaces as %%20)")
                    .config(e);
        }
    }

    private static boolean hasScheme(String s) {
        int colon = s.indexOf(':');
        // "C:\..." is a Windows drive, not a scheme
        return colon > 1 && s.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    }

    private static String stripTrailingSlash(String s) {
        return s.length() > 1 && s.endsWith("/") && !s.endsWith("://") ? s.substring(0, s.length() - 1) : s;
    }
}
