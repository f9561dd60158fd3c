package id.atensi.commons.persistence;

import java.sql.SQLException;
import java.util.Set;

/**
 * Reads PostgreSQL's SQLSTATE out of a failure however it arrived: raised at a flush, wrapped by Hibernate, or wrapped
 * again in transaction exceptions at commit.
 */
public final class SqlStates {

    /** lock_timeout ran out (also an advisory lock's wait). */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String DEADLOCK_DETECTED = "40P01";
    public static final String SERIALIZATION_FAILURE = "40001";

    private SqlStates() {
    }

    /** Whether an SQLException among {@code failure}'s causes carries one of {@code states}. */
    public static boolean causedBy(Throwable failure, Set<String> states) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && states.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public static boolean causedBy(Throwable failure, String state) {
        return causedBy(failure, Set.of(state));
    }
}
