package io.c360.lake;

import io.c360.runtime.C360Config;
import io.c360.runtime.PostgresService;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the Iceberg JDBC catalog lives. By default a database on c360's PostgreSQL (the embedded
 * server of the workspace): a SQLite file cannot take commits from two processes at once (a
 * server and a pipeline run), which the workspace must allow. {@code catalog.uri} can name any
 * JDBC URL instead, including {@code jdbc:sqlite:FILE} for single-process use.
 */
final class CatalogDatabase {

    static final String DATABASE = "iceberg_catalog";

    private final String uri;
    private final String user;
    private final String password;
    private final PostgresService postgres;

    private CatalogDatabase(String uri, String user, String password, PostgresService postgres) {
        this.uri = uri;
        this.user = user;
        this.password = password;
        this.postgres = postgres;
    }

    static CatalogDatabase open(C360Config config) {
        Optional<String> uri = config.find("catalog.uri");
        if (uri.isEmpty()) {
            PostgresService pg = PostgresService.open(config);
            pg.dataSource(DATABASE); // creates the database on first use
            return new CatalogDatabase(pg.jdbcUrl(DATABASE), pg.user(), pg.password(), pg);
        }
        if (uri.get().startsWith("jdbc:sqlite:")) {
            createParentFolder(uri.get().substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", ""));
        }
        return new CatalogDatabase(uri.get(), config.find("catalog.user").orElse(null),
                config.find("catalog.password").orElse(null), null);
    }

    String uri() {
        return uri;
    }

    Optional<String> user() {
        return Optional.ofNullable(user).filter(u -> !u.isEmpty());
    }

    Optional<String> password() {
        return Optional.ofNullable(password).filter(p -> !p.isEmpty());
    }

    /** Leaves the embedded PostgreSQL when the Spark application ends. */
    void closeWhenStopped(SparkContext context) {
        if (postgres != null) {
            context.addSparkListener(new SparkListener() {
                @Override
                public void onApplicationEnd(SparkListenerApplicationEnd end) {
                    postgres.close();
                }
            });
        }
    }

    private static void createParentFolder(String file) {
        try {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the catalog " + file, e);
        }
    }
}
