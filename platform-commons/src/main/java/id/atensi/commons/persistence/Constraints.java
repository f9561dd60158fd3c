package id.atensi.commons.persistence;

import org.hibernate.exception.ConstraintViolationException;

/** Which database constraint refused a write, for the use cases that answer one refusal differently from any other failure. */
public final class Constraints {

    private Constraints() {
    }

    /** Whether {@code failure}, however wrapped, is the database refusing the write by the constraint named {@code constraint}. */
    public static boolean refusedBy(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation) {
                return constraint.equals(violation.getConstraintName());
            }
        }
        return false;
    }
}
