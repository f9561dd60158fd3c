package id.atensi.beneficiary.registry.domain;

import id.atensi.beneficiary.domain.BeneficiaryStatus;
import id.atensi.vocabulary.Cluster;
import id.atensi.vocabulary.DisabilityType;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What another registry may search ATENSI's people by, under the names it uses in {@code attribute_name} and in
 * expressions. The standard leaves the names to the implementation; these follow its person record where it has a
 * field ({@code sex}, {@code birth_date}, {@code registration_date}) and ATENSI's vocabulary elsewhere.
 */
public enum RegistryAttribute {
    /** Whole years on the programme's today. */
    AGE("age", true),
    SEX("sex", false),
    BIRTH_DATE("birth_date", true),
    /** A province, regency, district or village code (Kemendagri); matches people anywhere inside it. */
    REGION("region", false),
    CLUSTER("cluster", false),
    DISABILITY_TYPE("disability_type", false),
    CASE_STATUS("case_status", false),
    REGISTRATION_DATE("registration_date", true);

    private static final Pattern REGION_CODE = Pattern.compile("\\d{2}(\\.\\d{2}(\\.\\d{2}(\\.\\d{4})?)?)?");

    private final String wireName;
    private final boolean ordered;

    RegistryAttribute(String wireName, boolean ordered) {
        this.wireName = wireName;
        this.ordered = ordered;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether gt, lt, ge and le mean something for it. */
    public boolean ordered() {
        return ordered;
    }

    public static Optional<RegistryAttribute> named(String name) {
        return Arrays.stream(values()).filter(attribute -> attribute.wireName.equals(name)).findFirst();
    }

    /** Refuses a value this attribute never holds, so that a typo answers an error rather than nobody. */
    void check(String value) {
        boolean valid = switch (this) {
            case AGE -> value.matches("\\d{1,3}");
            case SEX -> value.equals("male") || value.equals("female");
            case BIRTH_DATE, REGISTRATION_DATE -> isDate(value);
            case REGION -> REGION_CODE.matcher(value).matches();
            case CLUSTER -> isConstant(Cluster.class, value);
            case DISABILITY_TYPE -> isConstant(DisabilityType.class, value);
            case CASE_STATUS -> isConstant(BeneficiaryStatus.class, value);
        };
        if (!valid) {
            throw new RegistryCondition.InvalidQuery(wireName + " does not take the value '" + value + "'");
        }
    }

    private static boolean isDate(String value) {
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static <E extends Enum<E>> boolean isConstant(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).anyMatch(constant -> constant.name().equals(value.toUpperCase(Locale.ROOT)));
    }
}
