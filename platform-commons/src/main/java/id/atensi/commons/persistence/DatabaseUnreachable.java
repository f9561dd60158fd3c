package id.atensi.commons.persistence;

import org.hibernate.JDBCException;
import org.hibernate.exception.JDBCConnectionException;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database that cannot be reached (refused or dropped connections, none to be had from the pool, a server
 * shutting down or starting) from every other failure. Only the first is the caller's to retry unchanged: the same
 * request succeeds once the database answers again, and the pool reconnects by itself. So the platform answers it
 * 503 with {@code Retry-After} and keeps 500 for faults; jobs wait for the database rather than give up.
 */
public final class DatabaseUnreachable {

    private DatabaseUnreachable() {
    }

    /** Whether {@code failure}, however wrapped (flush, commit, the pool), comes from the database being out of reach. */
    public static boolean causes(Throwable failure) {
        boolean fromTheDatabase = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JDBCConnectionException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && (unreachableState(sql.getSQLState()) || acquisitionTimeout(sql))) {
                return true;
            }
            if (cause instanceof SQLException || cause instanceof JDBCException) {
                fromTheDatabase = true;
            } else if (fromTheDatabase && cause instanceof SocketException) {
                // Only below a database exception: a refused connection to Keycloak or a webhook receiver is no outage of ours.
                return true;
            }
        }
        return false;
    }

    /**
     * The innermost cause's class and message, for the log: which of the ways of being unreachable it was (refused,
     * reset, timed out), without the statement Hibernate's own message would quote.
     */
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
