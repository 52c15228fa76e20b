package io.c360.lake.model;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The threads that build a run's models. A build waiting for a thread is taken by its model's place in the order
 * given, not by when its inputs were ready: taken as they came, on 2 cores {@code fct_web_hits} (which
 * {@code customer_360} reads) waited behind {@code customer_lookup_keys}, which nothing reads.
 */
final class ModelThreads implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final Map<String, Integer> places;

    /** {@code threads} threads taking waiting builds in the order of the models named in {@code order}. */
    ModelThreads(int threads, List<String> order) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "c360-model-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.places = IntStream.range(0, order.size()).boxed().collect(Collectors.toMap(order::get, Function.identity()));
    }

    /** Where the work of building the named model runs. */
    Executor of(String model) {
        int place = places.get(model);
        return work -> pool.execute(new Placed(place, work));
    }

    @Override
    public void close() {
        pool.shutdown();
    }

    private record Placed(int place, Runnable work) implements Runnable, Comparable<Placed> {

        @Override
        public void run() {
            work.run();
        }

        @Override
        public int compareTo(Placed other) {
            return Integer.compare(place, other.place);
        }
    }
}
