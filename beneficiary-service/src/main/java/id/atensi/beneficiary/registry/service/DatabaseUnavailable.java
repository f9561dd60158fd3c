package id.atensi.beneficiary.registry.service;

import org.hibernate.exception.JDBCConnectionException;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database that cannot be reached (refused or dropped connections, none to be had from the pool, a server
 * shutting down) from other failures, which remain the platform's 500: only the first is the caller's to retry.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    public static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JDBCConnectionException || cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException || cause instanceof SocketException) {
                return true;
            }
            if (cause instanceof SQLException sql && (unreachableState(sql.getSQLState()) || acquisitionTimeout(sql))) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's message, for the log: which of the ways of being unreachable it was. */
    public static String describe(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost.getClass().getSimpleName() + ": " + innermost.getMessage();
    }

    /** Connection exceptions (class 08), too many connections (53300), the server shutting down or starting (57P). */
    private static boolean unreachableState(String state) {
        return state != null && (state.startsWith("08") || state.equals("53300") || state.startsWith("57P"));
    }

    /** Agroal's pool, when no connection could be made within its acquisition timeout, says so without a state. */
    private static boolean acquisitionTimeout(SQLException sql) {
        return sql.getSQLState() == null && String.valueOf(sql.getMessage()).contains("Acquisition timeout");
    }
}
