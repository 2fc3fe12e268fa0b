package io.switchboard.sip.core.internal;

import java.nio.file.Path;
import java.sql.Connection;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** An H2 file database in a test's folder with the switch's schema, made by its Liquibase changelog. */
public final class SwitchDatabase {

    private SwitchDatabase() {
    }

    public static DataSource migrated(Path dir) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("sip") + ";DB_CLOSE_DELAY=-1");
        try (Connection c = h2.getConnection()) {
            new Liquibase("db/io.switchboard.sip.core.changelog.xml",
                    new ClassLoaderResourceAccessor(SwitchDatabase.class.getClassLoader()),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c))).update("");
        }
        return h2;
    }
}
