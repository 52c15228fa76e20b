package io.c360.pipeline;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spark job time per step: each step runs under its own Spark job group, and a listener adds up
 * the durations of the jobs of that group.
 */
public final class SparkJobClock extends SparkListener implements JobClock {

    private static final String GROUP = "spark.jobGroup.id";

    private final SparkContext context;
    private final Map<Integer, Long> startedJobs = new ConcurrentHashMap<>();
    private final Map<Integer, String> jobGroups = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> millisByGroup = new ConcurrentHashMap<>();

    public SparkJobClock(SparkContext context) {
        this.context = context;
        context.addSparkListener(this);
    }

    @Override
    public void enter(String runId, String step) {
        context.setJobGroup(group(runId, step), step, false);
    }

    @Override
    public long millisOf(String runId, String step) {
        AtomicLong m = millisByGroup.get(group(runId, step));
        return m == null ? 0 : m.get();
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String group = start.properties() == null ? null : start.properties().getProperty(GROUP);
        if (group != null) {
            startedJobs.put(start.jobId(), start.time());
            jobGroups.put(start.jobId(), group);
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
        Long started = startedJobs.remove(end.jobId());
        String group = jobGroups.remove(end.jobId());
        if (started != null && group != null) {
            millisByGroup.computeIfAbsent(group, g -> new AtomicLong()).addAndGet(end.time() - started);
        }
    }

    private static String group(String runId, String step) {
        return runId + ":" + step;
    }
}
