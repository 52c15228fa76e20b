package io.c360.app;

import io.c360.runtime.FreePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workspace driven through the CLI as a user drives it, pointed at a CRM API on a free port, which
 * {@link #startCrm()} serves from a `c360 sources serve-crm` child process.
 */
public final class SimulatedCompanyCli implements AutoCloseable {

    private final Path workspace;
    private final int crmPort;
    private Process crm;

    public SimulatedCompanyCli(Path workspace) throws IOException {
        this.workspace = workspace;
        this.crmPort = FreePort.find();
    }

    public int crmPort() {
        return crmPort;
    }

    /** The {@code --set} value that points c360 at this company's CRM API. */
    public String crmSetting() {
        return "crm.url=http://127.0.0.1:" + crmPort;
    }

    public void startCrm() throws Exception {
        crm = ChildProcess.c360(workspace, "--set", crmSetting(), "sources", "serve-crm").start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", crmPort), 500);
                return;
            } catch (IOException notYet) {
                assertThat(crm.isAlive()).as("the CRM simulator is running").isTrue();
                Thread.sleep(300);
            }
        }
        throw new AssertionError("the CRM simulator did not start on port " + crmPort);
    }

    /** `c360 --workspace W --set crm.url=… ARGS` in this JVM. */
    public CliTest.Result c360(String... args) {
        List<String> all = new ArrayList<>(List.of("--workspace", workspace.toString(), "--set", crmSetting()));
        all.addAll(List.of(args));
        return CliTest.run(all.toArray(String[]::new));
    }

    /** The last line of `c360 sql --format csv QUERY` (one value for a one-cell query). */
    public String sql(String query) {
        CliTest.Result r = c360("sql", "--format", "csv", query);
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().trim().split("\\R");
        return lines[lines.length - 1].trim();
    }

    @Override
    public void close() throws InterruptedException {
        if (crm != null) {
            crm.destroy();
            crm.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
