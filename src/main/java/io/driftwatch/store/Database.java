package io.driftwatch.store;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;


import io.agroal.api.AgroalDataSource;
import io.driftwatch.config.DriftwatchConfig;

/**
 * Hands every store the one active database. The jar carries an H2 and a PostgreSQL datasource (a datasource's
 * kind is fixed at build time); {@code driftwatch.database} names the one this run uses, and the other is
 * inactive, so one packaged jar runs on either without a rebuild.
 */
@ApplicationScoped
public class Database {

    static final java.util.Set<String> KINDS = java.util.Set.of("h2", "postgresql");

    @Produces
    @ApplicationScoped
    DataSource active(DriftwatchConfig config, @Any Instance<AgroalDataSource> datasources) {
        String name = config.database();
        if (!KINDS.contains(name)) {
            throw new IllegalStateException("driftwatch.database must be one of " + KINDS + ", got '" + name + "'");
        }
        return datasources.select(new io.quarkus.agroal.DataSource.DataSourceLiteral(name)).get();
    }
}
