package id.atensi.aid.service;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Exact rupiah arithmetic: a result beyond the range of a long is refused (422), never wrapped or rounded. */
public final class Money {

    private Money() {
    }

    public static long add(long a, long b, String what) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw overflow(what);
        }
    }

    public static long multiply(long a, long b, String what) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw overflow(what);
        }
    }

    /** A SQL sum (numeric, so it never wraps in the database) as an exact long. */
    public static long sum(Object sqlSum, String what) {
        if (sqlSum == null) {
            return 0;
        }
        try {
            return sqlSum instanceof BigDecimal decimal ? decimal.longValueExact() : ((Number) sqlSum).longValue();
        } catch (ArithmeticException e) {
            throw overflow(what);
        }
    }

    private static ProblemException overflow(String what) {
        return new ProblemException(ProblemCode.UNPROCESSABLE, what + " exceeds the largest amount this service can hold exactly ("
                + Long.MAX_VALUE + " rupiah)", List.of(), Map.of("rule", "amount-overflow"));
    }
}
