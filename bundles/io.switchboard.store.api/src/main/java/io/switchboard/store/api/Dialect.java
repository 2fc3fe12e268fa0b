package io.switchboard.store.api;

/** The database products Switchboard runs on; SQL that differs between them switches on this. */
public enum Dialect {
    /** Embedded H2, file in the server's data folder: the default. */
    H2,
    /** PostgreSQL, for production and for several servers sharing one store. */
    POSTGRESQL
}
