package io.c360.app.sources;

import io.c360.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The `c360 sources` command line end to end on a scratch workspace. */
class SourcesCommandTest {

    @TempDir
    Path workspace;

    @Test
    void generateThenTickThroughTheCommandLine() throws Exception {
        String ws = workspace.toString();

        int generated = Main.run("--workspace", ws, "sources", "generate", "--customers", "60", "--seed", "9", "--months", "2");
        int ticked = Main.run("--workspace", ws, "sources", "run", "--ticks", "1", "--every", "0s", "--no-serve");
        int badInterval = Main.run("--workspace", ws, "sources", "run", "--ticks", "1", "--every", "soon", "--no-serve");

        assertThat(generated).isZero();
        assertThat(ticked).isZero();
        assertThat(badInterval).isNotZero();
        assertThat(workspace.resolve("landing/retail/retail0020261101-000000.csv")).exists();
        assertThat(Files.readString(workspace.resolve("truth/simulation.json"))).contains("\"tick\" : 1");
    }
}
