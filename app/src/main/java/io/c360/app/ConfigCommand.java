package io.c360.app;

import io.c360.runtime.C360Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;

@Command(name = "config", description = "Print the effective configuration (secrets masked) and where each value comes from.")
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        C360Config config = C360Command.of(spec).config();
        int width = config.settings().keySet().stream().mapToInt(String::length).max().orElse(10);
        for (Map.Entry<String, C360Config.Setting> e : config.settings().entrySet()) {
            String shown = C360Config.displayValue(e.getKey(), e.getValue().value());
            System.out.printf("%-" + width + "s  %-50s  (%s)%n", e.getKey(), shown, e.getValue().origin());
        }
    }
}
