package io.c360.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one task per item on a few threads and returns the results in item order. Used for work on
 * independent tables or files: Spark accepts jobs from several threads at once and Iceberg commits
 * to different tables do not conflict, so the driver-side planning and commits of one table overlap
 * the Spark tasks of another.
 */
public record TaskPool(int threads) {

    public TaskPool {
        if (threads < 1) {
            throw new IllegalArgumentException("a task pool needs at least one thread, not " + threads);
        }
    }

    /** The results of {@code work} on every item; the first failure (in item order) is rethrown once all tasks ended. */
    public <T, R> List<R> map(List<T> items, Function<T, R> work) {
        if (threads == 1 || items.size() <= 1) {
            return items.stream().map(work).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
            Thread t = new Thread(r, "c360-lifecycle");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            return collect(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> List<R> collect(List<Future<R>> futures) {
        List<R> out = new ArrayList<>();
        RuntimeException first = null;
        for (Future<R> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for parallel tasks", e);
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }
}
