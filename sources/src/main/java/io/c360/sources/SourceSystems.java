package io.c360.sources;

import io.c360.runtime.C360Config;
import io.c360.runtime.PostgresService;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/**
 * The databases of the simulated company: the CRM store (database {@code crm} of c360's
 * PostgreSQL) and the core-banking database ({@code core_banking} there, or {@code source-db.url}).
 */
public final class SourceSystems implements AutoCloseable {

    private final PostgresService postgres;
    private final CrmStore crm;
    private final CoreBankingDatabase core;

    private SourceSystems(PostgresService postgres, CrmStore crm, CoreBankingDatabase core) {
        this.postgres = postgres;
        this.crm = crm;
        this.core = core;
    }

    /** {@code sourceDbUrl} overrides {@code source-db.url}; both empty means the embedded server. */
    public static SourceSystems open(C360Config config, String sourceDbUrl) {
        PostgresService postgres = PostgresService.open(config);
        String url = sourceDbUrl != null && !sourceDbUrl.isBlank() ? sourceDbUrl : config.find("source-db.url").orElse("");
        DataSource coreData = url.isBlank() ? postgres.dataSource(CoreBankingDatabase.DATABASE) : external(config, url);
        return new SourceSystems(postgres, new CrmStore(postgres.dataSource(CrmStore.DATABASE)),
                new CoreBankingDatabase(coreData));
    }

    private static DataSource external(C360Config config, String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        config.find("source-db.user").ifPresent(ds::setUser);
        config.find("source-db.password").ifPresent(ds::setPassword);
        return ds;
    }

    public CrmStore crm() {
        return crm;
    }

    public CoreBankingDatabase core() {
        return core;
    }

    @Override
    public void close() {
        postgres.close();
    }
}
