package io.deltabridge.testkit.registry;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of the registry's child JVM: runs the real main class (first argument) and exits
 * when standard input reaches end of file, which happens when the parent JVM ends in any way,
 * even killed. So a test JVM that dies never leaves a registry behind.
 */
public final class ExitWithParent {
    private ExitWithParent() {}

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(ExitWithParent::exitAtEndOfInput, "exit-with-parent");
        watchdog.setDaemon(true);
        watchdog.start();
        // once, at start-up: the real main class is only known from the runner jar's manifest
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void exitAtEndOfInput() {
        byte[] buffer = new byte[64];
        try (InputStream in = System.in) {
            while (in.read(buffer) >= 0) {
                // the parent never writes; reading only waits for the pipe to close
            }
        } catch (IOException e) {
            // the pipe broke: the parent is gone just the same
        }
        System.exit(0);
    }
}
