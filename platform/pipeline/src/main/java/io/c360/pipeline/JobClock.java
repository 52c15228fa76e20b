package io.c360.pipeline;

/** Measures the engine time a step spends (Spark job time), attributed by step name. */
public interface JobClock {

    JobClock NONE = new JobClock() {
        @Override
        public void enter(String runId, String step) {
        }

        @Override
        public long millisOf(String runId, String step) {
            return 0;
        }
    };

    /** Called on the step's thread before it runs, so the engine work that follows is attributed to it. */
    void enter(String runId, String step);

    long millisOf(String runId, String step);
}
