package io.c360.lake.quality;

/**
 * The outcome of one test on one model in one run.
 *
 * @param status      pass, fail (severity error) or warn
 * @param sampleKeys  up to five business keys of failing rows, comma separated
 */
public record DqResult(String runId, String model, String test, String severity, String status,
                       long failingRows, String sampleKeys, String message) {

    public boolean failed() {
        return "fail".equals(status);
    }
}
