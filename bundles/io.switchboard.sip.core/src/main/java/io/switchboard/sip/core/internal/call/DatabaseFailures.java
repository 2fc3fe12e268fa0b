package io.switchboard.sip.core.internal.call;

import java.sql.SQLException;

import io.switchboard.store.api.StoreException;

/** Tells a failure of the database from the switch's own, for the 503 a caller may retry elsewhere. */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** @return true when the database is among the failure's causes */
    public static boolean among(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException || t instanceof StoreException) {
                return true;
            }
        }
        return false;
    }
}
