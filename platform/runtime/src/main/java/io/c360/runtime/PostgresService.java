package io.c360.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * c360's PostgreSQL: the embedded server of the workspace (default) or an external server
 * ({@code postgres.url}). Hands out pooled connections per database, creating the database on
 * first use. Close it when the command ends.
 */
public final class PostgresService implements AutoCloseable {

    private final String serverUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgresServer embedded;
    private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();

    private PostgresService(String serverUrl, String user, String password, EmbeddedPostgresServer embedded) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    public static PostgresService open(C360Config config) {
        String user = config.find("postgres.user").orElse("postgres");
        String password = config.find("postgres.password").orElse("");
        if (config.embeddedPostgres()) {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(
                    config.workspace(), config.getInt("postgres.port"));
            return new PostgresService("jdbc:postgresql://127.0.0.1:" + server.port(), "postgres", "", server);
        }
        String url = config.get("postgres.url").replaceAll("/+$", "");
        return new PostgresService(url, user, password, null);
    }

    public boolean embedded() {
        return embedded != null;
    }

    /** JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return serverUrl + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public DataSource dataSource(String database) {
        return pools.computeIfAbsent(database, db -> {
            ensureDatabase(db);
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(jdbcUrl(db));
            hc.setUsername(user);
            hc.setPassword(password);
            hc.setMaximumPoolSize(8);
            hc.setMinimumIdle(0);
            hc.setPoolName("c360-" + db);
            return new HikariDataSource(hc);
        });
    }

    public Connection connect(String database) throws SQLException {
        return dataSource(database).getConnection();
    }

    private void ensureDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new ConfigException("database name '" + database + "' must be lower-case letters, digits and _");
        }
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another process
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new ConfigException("PostgreSQL at " + serverUrl + " refused database '" + database + "': "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
        if (embedded != null) {
            embedded.close();
        }
    }
}
