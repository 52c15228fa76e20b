package io.c360.lake.model;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads that build a run's models, up to a number at once. Of the models ready to build, the one with the
 * longest chain of models waiting for it goes first (then the one ready first): the run ends with the last model of
 * its longest chain, so a model nothing waits for must not hold a thread while that chain's next model queues.
 */
final class BuildQueue implements AutoCloseable {

    private final ThreadPoolExecutor threads;
    private final Map<String, Integer> waitingChains;
    private final AtomicLong sequence = new AtomicLong();

    BuildQueue(int concurrent, Map<String, Integer> waitingChains, ThreadFactory factory) {
        this.threads = new ThreadPoolExecutor(concurrent, concurrent, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), factory);
        this.waitingChains = waitingChains;
    }

    /** Where the work of the named model is run. */
    Executor forModel(String model) {
        int chain = waitingChains.getOrDefault(model, 0);
        return work -> threads.execute(new Queued(work, chain, sequence.getAndIncrement()));
    }

    @Override
    public void close() {
        threads.shutdown();
    }

    private record Queued(Runnable work, int chain, long order) implements Runnable, Comparable<Queued> {

        private static final Comparator<Queued> FIRST = Comparator.comparingInt(Queued::chain).reversed().thenComparingLong(Queued::order);

        @Override
        public void run() {
            work.run();
        }

        @Override
        public int compareTo(Queued other) {
            return FIRST.compare(this, other);
        }
    }
}
