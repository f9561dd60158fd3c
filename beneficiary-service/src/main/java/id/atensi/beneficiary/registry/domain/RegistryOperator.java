package id.atensi.beneficiary.registry.domain;

import java.util.Arrays;
import java.util.Optional;

/** The standard's predicate operators; an expression's {@code $lt}, {@code $gte}, … name the same ones. */
public enum RegistryOperator {
    EQ("eq", "="),
    GT("gt", ">"),
    LT("lt", "<"),
    GE("ge", ">="),
    LE("le", "<="),
    IN("in", "IN");

    private final String wireName;
    private final String sql;

    RegistryOperator(String wireName, String sql) {
        this.wireName = wireName;
        this.sql = sql;
    }

    public String wireName() {
        return wireName;
    }

    public String sql() {
        return sql;
    }

    public boolean ordering() {
        return this == GT || this == LT || this == GE || this == LE;
    }

    /** The operator named by a predicate ({@code ge}) or an expression ({@code $gte} and {@code $ge} both). */
    public static Optional<RegistryOperator> named(String name) {
        String bare = name.startsWith("$") ? name.substring(1) : name;
        String normal = switch (bare) {
            case "gte" -> "ge";
            case "lte" -> "le";
            default -> bare;
        };
        return Arrays.stream(values()).filter(operator -> operator.wireName.equals(normal)).findFirst();
    }
}
