package io.c360.serve.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load side of {@code c360 bench serve}, run in its own JVM so that it does not share a heap
 * or JIT with the server. Each worker keeps one HTTP/1.1 keep-alive connection and requests random
 * profiles {@code GET /api/v1/customers/C<n>}.
 *
 * <p>Usage: {@code LoadGenerator <port> <api-key> <customers> <rate|max> <seconds> <connections>}.
 * With a rate, requests are scheduled at fixed intervals and latency counts from the scheduled
 * time (so a stalled server is not hidden by a stalled client); with {@code max}, every worker
 * sends its next request as soon as the previous answer arrived. Prints one line:
 * {@code requests=… errors=… seconds=… rate=… p50_ms=… p99_ms=… max_ms=…}.
 */
public final class LoadGenerator {

    private final int port;
    private final String key;
    private final int customers;
    private final double rate;
    private final long durationNanos;
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    private LoadGenerator(String[] args) {
        port = Integer.parseInt(args[0]);
        key = args[1];
        customers = Integer.parseInt(args[2]);
        rate = args[3].equals("max") ? 0 : Double.parseDouble(args[3]);
        durationNanos = (long) (Double.parseDouble(args[4]) * 1e9);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: LoadGenerator <port> <api-key> <customers> <rate|max> <seconds> <connections>");
            System.exit(2);
        }
        LoadGenerator g = new LoadGenerator(args);
        g.run(Integer.parseInt(args[5]), Math.min(3.0, g.durationNanos / 1e9)); // warm-up (JIT, pools), not reported
        System.out.println(g.run(Integer.parseInt(args[5]), g.durationNanos / 1e9));
    }

    private String run(int connections, double seconds) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        ticket.set(0);
        errors.set(0);
        List<long[]> results = new CopyOnWriteArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            Thread t = new Thread(() -> results.add(work(start, end)), "load-" + w);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        long[] all = results.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return String.format(Locale.ROOT, "requests=%d errors=%d seconds=%.2f rate=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f",
                all.length, errors.get(), elapsed / 1e9, all.length / (elapsed / 1e9),
                pct(all, 0.50), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private long[] work(long start, long end) {
        long[] latencies = new long[1 << 16];
        int n = 0;
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
            while (true) {
                long scheduled;
                if (rate > 0) {
                    scheduled = start + (long) (ticket.getAndIncrement() * 1e9 / rate);
                    if (scheduled >= end) {
                        break;
                    }
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                } else {
                    scheduled = System.nanoTime();
                    if (scheduled >= end) {
                        break;
                    }
                }
                String id = "C" + ThreadLocalRandom.current().nextInt(customers);
                out.write(("GET /api/v1/customers/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (readResponse(in) != 200) {
                    errors.incrementAndGet();
                }
                if (n == latencies.length) {
                    latencies = Arrays.copyOf(latencies, n * 2);
                }
                latencies[n++] = System.nanoTime() - scheduled;
            }
        } catch (IOException e) {
            errors.incrementAndGet();
            System.err.println("load worker stopped: " + e);
        }
        return Arrays.copyOf(latencies, n);
    }

    /** Reads one response (Content-Length or chunked body) and returns its status code. */
    private static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.substring(9, 12));
        long length = 0;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            skip(in, length);
            return code;
        }
        for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(), 16)) {
            skip(in, size);
            line(in);
        }
        line(in);
        return code;
    }

    private static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long k = in.skip(n);
            if (k <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed mid-body");
                }
                k = 1;
            }
            n -= k;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
}
