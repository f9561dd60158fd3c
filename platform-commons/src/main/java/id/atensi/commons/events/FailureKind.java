package id.atensi.commons.events;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells failures worth retrying (the database or network away, a lock conflict) from those that never heal. */
final class FailureKind {

    private FailureKind() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PermanentEventFailure) {
                return false;
            }
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof java.net.ConnectException || cause instanceof java.net.SocketException) {
                return true;
            }
            if (cause instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
            String name = cause.getClass().getName();
            if (name.equals("org.hibernate.exception.JDBCConnectionException")
                    || name.equals("jakarta.persistence.LockTimeoutException")
                    || name.equals("jakarta.persistence.PessimisticLockException")
                    || name.equals("org.hibernate.exception.LockAcquisitionException")) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() == null && String.valueOf(sql.getMessage()).contains("Acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    /** Connection errors (08), serialization failures and deadlocks (40), resource shortage (53), shutdown (57P). */
    private static boolean isTransientState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57P"));
    }
}
