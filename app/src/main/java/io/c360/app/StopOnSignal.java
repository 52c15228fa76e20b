package io.c360.app;

import java.util.concurrent.CountDownLatch;

/**
 * Ctrl-C / SIGTERM for a long-running command: interrupts the command's thread and holds the JVM
 * until the command has closed its resources (servers, the embedded PostgreSQL lease), so a
 * stopped command never leaves the workspace's server behind.
 */
public final class StopOnSignal implements AutoCloseable {

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    public StopOnSignal() {
        Thread worker = Thread.currentThread();
        this.hook = new Thread(() -> {
            worker.interrupt();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "c360-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Blocks until the process is asked to stop; the interrupt is consumed so that closing works. */
    public void await() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException stopRequested) {
            // the stop signal itself, not to be passed on: resources are closed next
        }
    }

    /** The command's resources are closed: the JVM may exit. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it is waiting for exactly this count-down
        }
    }
}
