package io.switchboard.kpi.core.internal;

import java.nio.file.Path;
import java.sql.Connection;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** An H2 file with this bundle's tables, as the server makes them. */
final class Databases {

    private Databases() {
    }

    static DataSource h2(Path dir) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("kpi"));
        return migrated(h2);
    }

    static DataSource migrated(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            new Liquibase("db/io.switchboard.kpi.core.changelog.xml",
                    new ClassLoaderResourceAccessor(Databases.class.getClassLoader()),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c))).update("");
        }
        return ds;
    }
}
