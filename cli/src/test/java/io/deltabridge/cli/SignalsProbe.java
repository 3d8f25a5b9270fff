package io.deltabridge.cli;

import java.util.concurrent.TimeUnit;

/** A child process for {@link SignalsIT}: one way of meeting a SIGTERM, chosen by the first argument. */
final class SignalsProbe {
    private SignalsProbe() {}

    public static void main(String[] args) throws InterruptedException {
        Signals.installForProcess();
        switch (args[0]) {
            case "stop-fails" -> {
                Signals.onTerminate(
                        () -> {
                            throw new IllegalStateException("closing failed");
                        },
                        () -> 130);
                System.out.println("running");
                TimeUnit.MINUTES.sleep(1);
            }
            case "after-the-command" -> {
                Signals.onTerminate(() -> {}, () -> 130).close();
                System.out.println("finished");
                TimeUnit.SECONDS.sleep(3); // the command has returned; main is on its way to System.exit
                Signals.exit(0);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
