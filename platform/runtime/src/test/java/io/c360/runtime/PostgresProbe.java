package io.c360.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;

/** Run in a child JVM by {@link PostgresServiceTest}: attaches to the workspace's server and writes a row. */
public final class PostgresProbe {
    public static void main(String[] args) throws Exception {
        C360Config config = ConfigLoader.withEnvironment(Map.of("C360_HOME", args[0])).load();
        try (PostgresService pg = PostgresService.open(config);
             Connection c = pg.connect("shared");
             PreparedStatement s = c.prepareStatement("INSERT INTO marks VALUES (?)")) {
            s.setString(1, "pid " + ProcessHandle.current().pid());
            s.executeUpdate();
            System.out.println("embedded=" + pg.embedded());
        }
    }
}
